using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>One call through the gateway: what was asked, what came back, and the trace id to find it in the logs.</summary>
public sealed record DemoCall(string Method, string Path, HttpStatusCode Status, string? TraceId, string? Problem, Uri? Location = null);

/// <summary>Calls the public API through the gateway, the way a browser or an app would.</summary>
public sealed class GatewayClient(HttpClient http, Uri gateway)
{
    public const string TraceIdHeader = "X-Trace-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? AccessToken { get; set; }

    public Task<(DemoCall Call, T? Body)> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(method, path, body, headers: null, cancellationToken);

    public async Task<(DemoCall Call, T? Body)> SendAsync<T>(
        HttpMethod method, string path, object? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway, path));
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (AccessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (Unreachable(e, gateway, method, path, http.Timeout, cancellationToken) is { } failure)
        {
            throw failure;
        }

        using (response)
        {
            var traceId = response.Headers.TryGetValues(TraceIdHeader, out var values) ? values.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
                return (new DemoCall(method.Method, path, response.StatusCode, traceId, await ProblemAsync(response, cancellationToken)), default);
            var content = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return (new DemoCall(method.Method, path, response.StatusCode, traceId, null, response.Headers.Location), content);
        }
    }

    /// <summary>
    /// The sentence for a call through the gateway that got no answer: nothing listens, or it did not answer in
    /// time. Null for any other failure (and for a cancellation the caller asked for), which is not the gateway's.
    /// </summary>
    public static CliException? Unreachable(Exception exception, Uri gateway, HttpMethod method, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var where = gateway.ToString().TrimEnd('/');
        return exception switch
        {
            HttpRequestException e => new CliException($"Nothing answers at {where} ({e.Message}): start the system with ./mosaic up.", e),
            TaskCanceledException e when !cancellationToken.IsCancellationRequested =>
                new CliException($"{method} {path} through {where} got no answer within {timeout.TotalSeconds:0} s: check ./mosaic status.", e),
            _ => null,
        };
    }

    /// <summary>The title and detail of a problem+json answer, or the start of whatever else came back.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            string? Read(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) ? value.ToString() : null;
            return string.Join(" ", new[] { Read("title"), Read("detail"), Read("errors") }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
