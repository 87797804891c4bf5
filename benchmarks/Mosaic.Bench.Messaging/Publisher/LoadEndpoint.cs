using Microsoft.AspNetCore.Http.HttpResults;
using Mosaic.Platform.Problems;

namespace Mosaic.Bench.Messaging.Publisher;

/// <summary><c>POST /runs</c>: runs one load to the end and answers with what was published.</summary>
public static class LoadEndpoint
{
    public static void MapLoad(this IEndpointRouteBuilder app) =>
        app.MapPost("/runs", async Task<IResult> (LoadRequest request, LoadDriver driver) =>
        {
            if (request.Problem() is { } problem)
            {
                var field = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
                return Problem.Invalid(field, problem);
            }
            if (!driver.TryBegin()) return Problem.Conflict("A run is already in progress; one run at a time.");
            return TypedResults.Ok(await driver.RunAsync(request));
        });
}
