using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The service users of a broker of your own (<c>MOSAIC_RABBITMQ_ADMIN</c>), made through its management API
/// (<c>MOSAIC_RABBITMQ_MANAGEMENT</c>) as the administrator of that URI: the same definitions as on a private node
/// (one user per service that publishes or consumes, <c>mosaic-ENV-SERVICE</c>, with exactly the permissions
/// rendered from the policy, in the virtual host of the administrator's URI), with passwords kept in the
/// environment's <c>credentials.json</c>. Users of this environment that mosaic made for services the policy no
/// longer names are removed; no other user of the broker is touched. Safe to apply on every start.
/// </summary>
public sealed class RabbitMqManagementAccounts(Uri adminUri, Uri managementUri, string environment, ServerCredentials credentials)
{
    public const string ManagementVariable = "MOSAIC_RABBITMQ_MANAGEMENT";

    private const string AdminVariable = "MOSAIC_RABBITMQ_ADMIN";

    /// <summary>The administrator URI's virtual host: its path, "/" when it has none.</summary>
    public string VirtualHost =>
        Uri.UnescapeDataString(adminUri.AbsolutePath.TrimStart('/')) is { Length: > 0 } named ? named : "/";

    /// <summary>What <paramref name="service"/> connects with: the administrator's broker and virtual host, its own user; a secret.</summary>
    public Uri ServiceUri(string service) => new UriBuilder(adminUri)
    {
        UserName = Uri.EscapeDataString(BrokerPermissions.UserName(environment, service)),
        Password = Uri.EscapeDataString(credentials.RabbitMqService(service)),
    }.Uri;

    /// <summary>Exactly these services' users, each accepted by the broker when this returns.</summary>
    public async Task EnsureAsync(IReadOnlyList<BrokerPermissions> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var earlier = credentials.RabbitMqServiceNames;
        var definitions = new BrokerDefinitions(VirtualHost);
        foreach (var service in services) definitions.AddService(service, credentials.RabbitMqService(service.Service));

        using var http = Client();
        // The passwords travel as RabbitMQ's salted hashes, as in the definitions a private node imports.
        using (var content = new StringContent(definitions.ToJson(), Encoding.UTF8, "application/json"))
            await SendAsync(http, HttpMethod.Post, "api/definitions", content, "take mosaic's users", cancellationToken);

        var wanted = services.Select(s => s.Service).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in earlier.Where(s => !wanted.Contains(s)))
            await SendAsync(http, HttpMethod.Delete, $"api/users/{Uri.EscapeDataString(BrokerPermissions.UserName(environment, gone))}", null, "remove a user mosaic made", cancellationToken, missingIsFine: true);

        foreach (var service in services)
        {
            var uri = ServiceUri(service.Service);
            try
            {
                await RabbitMqLogin.WaitUntilAcceptedAsync(uri, checkExchange: false, cancellationToken);
            }
            catch (Exception e) when (RabbitMqLogin.IsRefusal(e))
            {
                throw new CliException($"RabbitMQ on {adminUri.Host}:{adminUri.Port} (from {AdminVariable}) does not accept the user {RabbitMqLogin.UserOf(uri)} that its management API took ({e.InnerException?.Message ?? e.Message}): are {AdminVariable} and {ManagementVariable} the same broker?", e);
            }
        }
    }

    /// <summary>The URI in <see cref="ManagementVariable"/> when it is an http(s) address, else a sentence saying how to write it.</summary>
    public static Uri CheckManagementUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? new Uri(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/")
            : throw new CliException($"{ManagementVariable} is not the address of RabbitMQ's management API: set it like 'http://127.0.0.1:15672' (no credentials: mosaic logs in as the user in {AdminVariable}).");

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(30) };
        var password = Uri.UnescapeDataString(adminUri.UserInfo.Split(':', 2).ElementAtOrDefault(1) ?? "");
        var login = $"{RabbitMqLogin.UserOf(adminUri)}:{password}";
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login)));
        return http;
    }

    /// <summary>One call; a refusal or an unreachable API becomes a sentence that says what to do, without the password.</summary>
    private async Task SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, string purpose, CancellationToken cancellationToken, bool missingIsFine = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException($"RabbitMQ's management API at {managementUri} (from {ManagementVariable}) does not answer ({e.Message}): enable the rabbitmq_management plugin on that broker, or correct {ManagementVariable}.", e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode || (missingIsFine && response.StatusCode == HttpStatusCode.NotFound)) return;
            var user = RabbitMqLogin.UserOf(adminUri);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new CliException($"RabbitMQ's management API at {managementUri} refused the user name or password in {AdminVariable} ({user})."),
                HttpStatusCode.Forbidden => new CliException($"RabbitMQ's management API at {managementUri} did not let {user} (from {AdminVariable}) {purpose}: give that user the administrator tag, or name an administrator in {AdminVariable}."),
                _ => new CliException($"RabbitMQ's management API at {managementUri} did not {purpose}: {(int)response.StatusCode} {Reason(await response.Content.ReadAsStringAsync(cancellationToken))}."),
            };
        }
    }

    /// <summary>The API's own reason ({"error":…,"reason":…}) when it gave one, else the start of its answer.</summary>
    private static string Reason(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("reason", out var reason)) return reason.ToString();
        }
        catch (JsonException)
        {
        }
        return body.Length > 200 ? body[..200] : body;
    }
}
