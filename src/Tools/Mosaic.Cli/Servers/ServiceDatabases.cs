using System.Security.Cryptography;
using System.Text;
using Mosaic.Cli.CommandLine;
using Npgsql;

namespace Mosaic.Cli.Servers;

/// <summary>
/// Gives each service its own PostgreSQL database, owned by its own login role that may do nothing
/// else (no superuser, no creating databases or roles), and takes the default right to connect away
/// from everyone else: a service's role can reach its own database and no other. Applied on every
/// <c>up</c>; a role's password is (re)set to the one in <c>credentials.json</c> each time.
/// </summary>
public sealed class ServiceDatabases(string superuserConnectionString, string environment, ServerCredentials credentials)
{
    /// <summary>The longest name PostgreSQL keeps whole.</summary>
    private const int MaxIdentifier = 63;

    /// <summary><c>mosaic_ENV_SERVICE</c>, dashes turned into underscores: both the database and its role.</summary>
    public static string NameFor(string environment, string service)
    {
        var name = $"mosaic_{environment}_{service}".Replace('-', '_');
        return name.Length <= MaxIdentifier
            ? name
            : throw new CliException($"The database name {name} is longer than PostgreSQL's {MaxIdentifier} characters: use a shorter environment name.");
    }

    /// <summary>The connection string a service gets: its own database and role, on the server the superuser reaches.</summary>
    public string ConnectionStringFor(string service)
    {
        var name = NameFor(environment, service);
        return new NpgsqlConnectionStringBuilder(superuserConnectionString)
        {
            Database = name,
            Username = name,
            Password = credentials.ServiceRole(service),
            Pooling = true,
            Timeout = 15,
        }.ToString();
    }

    /// <param name="locksServerDatabases">
    /// On a private server, the right to connect to <c>postgres</c> and <c>template1</c> is taken from
    /// everyone too; a server of someone else's is left as it is, apart from the services' own databases.
    /// </param>
    public async Task EnsureAsync(IEnumerable<string> services, bool locksServerDatabases, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var service in services)
            {
                var name = NameFor(environment, service);
                var role = Quote(name);
                var verifier = ScramVerifier(credentials.ServiceRole(service));
                var options = $"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {Literal(verifier)}";
                await ExecuteAsync(connection, await ExistsAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = $1", name, cancellationToken)
                    ? $"ALTER ROLE {role} WITH {options}"
                    : $"CREATE ROLE {role} WITH {options}", cancellationToken);
                // The superuser creates the database: the role itself may not (NOCREATEDB).
                await ExecuteAsync(connection, await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", name, cancellationToken)
                    ? $"ALTER DATABASE {role} OWNER TO {role}"
                    : $"CREATE DATABASE {role} OWNER {role} ENCODING 'UTF8'", cancellationToken);
                await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {role} FROM PUBLIC", cancellationToken);
                await ExecuteAsync(connection, $"GRANT CONNECT, TEMPORARY ON DATABASE {role} TO {role}", cancellationToken);
            }
            if (locksServerDatabases)
            {
                await ExecuteAsync(connection, "REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC", cancellationToken);
                await ExecuteAsync(connection, "REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC", cancellationToken);
            }
        }
        catch (NpgsqlException e)
        {
            var where = new NpgsqlConnectionStringBuilder(superuserConnectionString);
            throw new CliException($"Could not prepare the services' databases on PostgreSQL {where.Host}:{where.Port} ({(e as PostgresException)?.MessageText ?? e.Message}): the connection must be a superuser's (or a role with CREATEROLE and CREATEDB).", e);
        }
    }

    /// <summary>
    /// The password as PostgreSQL stores it (SCRAM-SHA-256), computed here: the server never sees the
    /// password itself, so a failed statement in the server's log cannot show it.
    /// </summary>
    internal static string ScramVerifier(string password)
    {
        const int iterations = 4096;
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string query, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(query, connection) { Parameters = { new() { Value = name } } };
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
