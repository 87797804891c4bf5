using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Validation;

namespace Mosaic.Platform.Problems;

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddMosaicProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddValidation(options => options.Resolvers.Insert(0, new DataAnnotationsInfoResolver()));
        // Binding failures (malformed JSON, a missing route value) become exceptions the
        // handler above turns into a 400 that says what was wrong, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // Behind the gateway a caller knows the public path, which the gateway passes on as the prefix it stripped.
        var request = context.HttpContext.Request;
        problem.Instance ??= string.Concat(request.Headers["X-Forwarded-Prefix"].ToString(), request.Path.Value);
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
        problem.Extensions.Remove("requestId");
        // The developer exception page (ASPNETCORE_ENVIRONMENT=Development) adds the stack trace
        // here; a client never gets one, whatever the environment.
        problem.Extensions.Remove("exception");

        // Validation names fields the way clients write them: camelCase JSON names.
        if (problem is HttpValidationProblemDetails validation)
        {
            var renamed = validation.Errors.ToDictionary(e => JsonFieldName(e.Key), e => e.Value, StringComparer.Ordinal);
            validation.Errors.Clear();
            foreach (var (field, messages) in renamed) validation.Errors[field] = messages;
            validation.Title = "Invalid request";
            validation.Detail ??= $"Check the field(s): {string.Join(", ", renamed.Keys)}.";
        }
    }

    internal static string JsonFieldName(string key) =>
        string.Join('.', key.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
