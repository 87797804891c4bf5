using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.Hosting;

public class ProblemResponsesTests : IAsyncLifetime
{
    private TestService service = null!;

    public async ValueTask InitializeAsync() =>
        service = await TestService.StartAsync("probe", app =>
        {
            app.MapPost("/things", (ThingRequest request) => Results.Created($"/things/{request.Name}", request));
            app.MapGet("/fail", string () => throw new InvalidOperationException("secret internals: db password=hunter2"));
            app.MapGet("/busy", string () => throw new Mosaic.Platform.Problems.ServiceOverloadedException("Too busy right now.", TimeSpan.FromSeconds(3)));
        });

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_valid_request_passes()
    {
        var response = await service.Api.PostAsJsonAsync("/things", new { name = "lamp", quantity = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Validation_errors_name_the_field_in_json_casing()
    {
        var response = await service.Api.PostAsJsonAsync("/things", new { name = "", quantity = 99 }, TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("quantity", out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var body = new StringContent("{\"name\": \"lamp\", ", Encoding.UTF8, "application/json");

        var response = await service.Api.PostAsync("/things", body, TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_wrong_json_type_is_a_400_problem_naming_the_field()
    {
        using var body = new StringContent("{\"name\": \"lamp\", \"quantity\": \"many\"}", Encoding.UTF8, "application/json");

        var response = await service.Api.PostAsync("/things", body, TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Contains("quantity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await service.Api.GetAsync("/nothing/here", TestContext.Current.CancellationToken);

        await ProblemOf(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Behind_the_gateway_a_problem_names_the_public_path()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nothing/here");
        request.Headers.Add("X-Forwarded-Prefix", "/api/probe");

        var response = await service.Api.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.NotFound);
        Assert.Equal("/api/probe/nothing/here", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var big = new string('x', 10_000);

        var response = await service.Api.PostAsJsonAsync("/things", new { name = big, quantity = 1 }, TestContext.Current.CancellationToken);

        await ProblemOf(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem()
    {
        using var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 10_000) + "\",\"quantity\":1}")));
        body.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/things") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await service.Api.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemOf(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Shed_work_is_a_503_problem_with_retry_after()
    {
        var response = await service.Api.GetAsync("/busy", TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Too busy right now.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_failure_of_ours_is_a_500_problem_without_internals()
    {
        var response = await service.Api.GetAsync("/fail", TestContext.Current.CancellationToken);

        var problem = await ProblemOf(response, HttpStatusCode.InternalServerError);
        var text = problem.GetRawText();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.Equal(32, problem.GetProperty("traceId").GetString()!.Length);
    }

    [Fact]
    public async Task Even_in_the_development_environment_no_stack_trace_reaches_the_client()
    {
        await using var development = await TestService.StartAsync("probe", app =>
            app.MapGet("/fail", string () => throw new InvalidOperationException("secret internals")), environmentName: "Development");

        var response = await development.Api.GetAsync("/fail", TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"exception\"", text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

public sealed class ThingRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    [Range(1, 10)]
    public int Quantity { get; init; }
}
