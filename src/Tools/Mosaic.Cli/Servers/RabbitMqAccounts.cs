using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The users and virtual host of an environment on its private node: <c>mosaic-ENV</c>, an
/// <c>admin</c> (administrator, for tests and inspection) and an <c>app</c> user for the services,
/// both with generated passwords; RabbitMQ's default <c>guest</c> is removed. Safe to apply on every start.
/// </summary>
public sealed class RabbitMqAccounts(PrivateRabbitMq node, ServerFolders folders, ServerCredentials credentials)
{
    public const string AdminUser = "admin";
    public const string AppUser = "app";

    public string VirtualHost => $"mosaic-{folders.Workspace.Environment}";

    /// <summary>The administrator's URI (with the environment's virtual host); a secret.</summary>
    public Uri AdminUri => Address(AdminUser, credentials.RabbitMqAdmin);

    /// <summary>What the services connect with; a secret.</summary>
    public Uri AppUri => Address(AppUser, credentials.RabbitMqApp);

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        // One import sets the virtual host, both users and their permissions; the passwords reach the node
        // as salted hashes in a file only this user can read, never on a command line.
        var definitions = Path.Combine(folders.RabbitMq, "definitions.json");
        PrivateFile.Write(definitions, Definitions());
        try
        {
            var import = await node.Ctl(["import_definitions", definitions]).RunAsync(cancellationToken);
            if (!import.Succeeded)
                throw new CliException($"RabbitMQ refused mosaic's users and virtual host ({import.LastLine}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.");
        }
        finally
        {
            File.Delete(definitions);
        }

        var users = await node.Ctl(["list_users", "--quiet", "--formatter", "json"]).RunAsync(cancellationToken);
        if (users.Succeeded && users.Output.Contains("\"guest\"", StringComparison.Ordinal))
            await node.Ctl(["delete_user", "guest"]).RunAsync(cancellationToken);

        await WaitUntilAcceptedAsync(AdminUri, cancellationToken);
        await WaitUntilAcceptedAsync(AppUri, cancellationToken);
    }

    private Uri Address(string user, string password) =>
        new(string.Create(CultureInfo.InvariantCulture, $"amqp://{user}:{password}@127.0.0.1:{node.Port}/{Uri.EscapeDataString(VirtualHost)}"));

    private string Definitions()
    {
        var all = new { configure = ".*", write = ".*", read = ".*" };
        return JsonSerializer.Serialize(new
        {
            vhosts = new[] { new { name = VirtualHost } },
            users = new[]
            {
                User(AdminUser, credentials.RabbitMqAdmin, ["administrator"]),
                User(AppUser, credentials.RabbitMqApp, []),
            },
            permissions = new[]
            {
                new { user = AdminUser, vhost = VirtualHost, all.configure, all.write, all.read },
                new { user = AppUser, vhost = VirtualHost, all.configure, all.write, all.read },
            },
        });
    }

    private static object User(string name, string password, string[] tags) => new
    {
        name,
        password_hash = PasswordHash(password),
        hashing_algorithm = "rabbit_password_hashing_sha256",
        tags,
    };

    /// <summary>RabbitMQ's own format: a 4-byte salt followed by SHA-256(salt + password), in base64.</summary>
    internal static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }

    /// <summary>The import completes inside the node after the command returns; a user is ready once it can connect.</summary>
    private async Task WaitUntilAcceptedAsync(Uri uri, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(5), AutomaticRecoveryEnabled = false };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                await connection.CloseAsync(cancellationToken);
                return;
            }
            catch (BrokerUnreachableException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (BrokerUnreachableException e)
            {
                // The message names the endpoint, never the URI's password.
                throw new CliException($"RabbitMQ on {node.Location} does not accept mosaic's {uri.UserInfo.Split(':')[0]} user ({e.InnerException?.Message ?? e.Message}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.", e);
            }
        }
    }
}
