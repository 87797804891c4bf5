using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The users and virtual host of an environment on its private node: <c>mosaic-ENV</c>, an <c>admin</c>
/// (administrator, for tests and inspection) and, once the services are known, one user per service that
/// publishes or consumes events (<c>mosaic-ENV-SERVICE</c>), with exactly the permissions rendered from the
/// policy (<see cref="BrokerPermissions"/>); all with generated passwords. RabbitMQ's default <c>guest</c>,
/// the single <c>app</c> user that earlier versions shared between all services, and users of services the
/// policy no longer lets use the broker are removed. Safe to apply on every start.
/// </summary>
public sealed class RabbitMqAccounts(PrivateRabbitMq node, ServerFolders folders, ServerCredentials credentials)
{
    public const string AdminUser = "admin";

    /// <summary>Users that must not stay: the broker's default, and the all-powerful shared user of earlier versions.</summary>
    private static readonly string[] Retired = ["guest", "app"];

    public string VirtualHost => BrokerPermissions.VirtualHost(folders.Workspace.Environment);

    /// <summary>The administrator's URI (with the environment's virtual host); a secret.</summary>
    public Uri AdminUri => Address(AdminUser, credentials.RabbitMqAdmin);

    /// <summary>What <paramref name="service"/> connects with: its own user; a secret.</summary>
    public Uri ServiceUri(string service) =>
        Address(BrokerPermissions.UserName(folders.Workspace.Environment, service), credentials.RabbitMqService(service));

    /// <summary>The virtual host and the administrator (what <c>servers start</c> needs), leaving service users as they are.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => EnsureAsync(services: null, cancellationToken);

    /// <summary>The virtual host, the administrator and, when given, exactly these service users.</summary>
    public async Task EnsureAsync(IReadOnlyList<BrokerPermissions>? services, CancellationToken cancellationToken)
    {
        // One import sets the virtual host, the events exchange, the users and their permissions; the passwords
        // reach the node as salted hashes in a file only this user can read, never on a command line.
        var definitions = new BrokerDefinitions(VirtualHost).AddAdministrator(AdminUser, credentials.RabbitMqAdmin);
        foreach (var service in services ?? []) definitions.AddService(service, credentials.RabbitMqService(service.Service));
        var file = Path.Combine(folders.RabbitMq, "definitions.json");
        PrivateFile.Write(file, definitions.ToJson());
        try
        {
            var import = await node.Ctl(["import_definitions", file]).RunAsync(cancellationToken);
            if (!import.Succeeded)
                throw new CliException($"RabbitMQ refused mosaic's users and virtual host ({import.LastLine}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.");
        }
        finally
        {
            File.Delete(file);
        }

        await RemoveUsersAsync(services, cancellationToken);
        await WaitUntilAcceptedAsync(AdminUri, cancellationToken, checkExchange: true);
        foreach (var service in services ?? []) await WaitUntilAcceptedAsync(ServiceUri(service.Service), cancellationToken);
    }

    /// <summary>The retired users, and (when the services are given) this environment's service users that are not among them.</summary>
    private async Task RemoveUsersAsync(IReadOnlyList<BrokerPermissions>? services, CancellationToken cancellationToken)
    {
        var listed = await node.Ctl(["list_users", "--quiet", "--formatter", "json"]).RunAsync(cancellationToken);
        if (!listed.Succeeded) return;
        var prefix = BrokerPermissions.UserName(folders.Workspace.Environment, "");
        var wanted = (services ?? []).Select(s => s.User).ToHashSet(StringComparer.Ordinal);
        foreach (var user in UserNames(listed.Output))
            if (Retired.Contains(user, StringComparer.Ordinal) || (services is not null && user.StartsWith(prefix, StringComparison.Ordinal) && !wanted.Contains(user)))
                await node.Ctl(["delete_user", user]).RunAsync(cancellationToken);
    }

    /// <summary>The names in <c>list_users --formatter json</c>'s answer; nothing when it is not that.</summary>
    private static IEnumerable<string> UserNames(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray()
                .Select(u => u.TryGetProperty("user", out var name) ? name.GetString() : null)
                .OfType<string>()];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private Uri Address(string user, string password) =>
        new(string.Create(CultureInfo.InvariantCulture, $"amqp://{user}:{password}@127.0.0.1:{node.Port}/{Uri.EscapeDataString(VirtualHost)}"));

    /// <summary>A user is ready once it can connect, and with <paramref name="checkExchange"/> once the events exchange is there too.</summary>
    private async Task WaitUntilAcceptedAsync(Uri uri, CancellationToken cancellationToken, bool checkExchange = false)
    {
        try
        {
            await RabbitMqLogin.WaitUntilAcceptedAsync(uri, checkExchange, cancellationToken);
        }
        catch (Exception e) when (RabbitMqLogin.IsRefusal(e))
        {
            // The message names the endpoint, never the URI's password.
            throw new CliException($"RabbitMQ on {node.Location} does not accept mosaic's {RabbitMqLogin.UserOf(uri)} user{(checkExchange ? " or lacks the events exchange" : "")} ({e.InnerException?.Message ?? e.Message}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.", e);
        }
    }
}
