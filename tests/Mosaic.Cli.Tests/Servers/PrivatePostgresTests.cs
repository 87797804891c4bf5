using Mosaic.Cli.Servers;
using Npgsql;

namespace Mosaic.Cli.Tests.Servers;

public class PrivatePostgresTests
{
    [Fact]
    public async Task PostgreSQL_starts_on_loopback_with_a_superuser_password_and_a_second_start_reuses_it()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.Servers();

        Assert.True(await servers.StartPostgresAsync(bounded.Token));
        Assert.False(await servers.StartPostgresAsync(bounded.Token));

        await using (var connection = new NpgsqlConnection(servers.Postgres!.SuperuserConnectionString))
        {
            await connection.OpenAsync(bounded.Token);
            await using var listen = new NpgsqlCommand("SHOW listen_addresses", connection);
            Assert.Equal("127.0.0.1", await listen.ExecuteScalarAsync(bounded.Token));
            await using var port = new NpgsqlCommand("SHOW port", connection);
            Assert.Equal(folder.Ports.Postgres.ToString(System.Globalization.CultureInfo.InvariantCulture), await port.ExecuteScalarAsync(bounded.Token));
        }
        var withoutPassword = new NpgsqlConnectionStringBuilder(servers.Postgres.SuperuserConnectionString) { Password = "wrong" }.ToString();
        var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var connection = new NpgsqlConnection(withoutPassword);
            await connection.OpenAsync(bounded.Token);
        });
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);

        await servers.StopAsync(null, bounded.Token);
        Assert.False(await servers.Postgres.IsRunningAsync(bounded.Token));
    }

    [Fact]
    public async Task A_restarted_server_comes_back_on_its_port_with_its_data()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.Servers();
        await servers.StartPostgresAsync(bounded.Token);
        await ExecuteAsync(servers.Postgres!.SuperuserConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)", bounded.Token);

        // Opened afresh, as a test in another process would: the ports come from what the start recorded.
        var again = PrivateServers.Open(folder.Workspace);
        await again.Postgres!.RestartAsync(bounded.Token);

        Assert.Equal(folder.Ports.Postgres, again.Postgres.Port);
        await using var connection = new NpgsqlConnection(again.Postgres.SuperuserConnectionString);
        await connection.OpenAsync(bounded.Token);
        await using var read = new NpgsqlCommand("SELECT id FROM kept", connection);
        Assert.Equal(42, await read.ExecuteScalarAsync(bounded.Token));
    }

    [Fact]
    public async Task Each_service_role_reaches_its_own_database_and_no_other()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.Servers();
        await servers.StartPostgresAsync(bounded.Token);
        var databases = new ServiceDatabases(servers.Postgres!.SuperuserConnectionString, "test", servers.Credentials);

        await databases.EnsureAsync(["catalog", "payment-provider"], locksServerDatabases: true, bounded.Token);
        // Every up applies it again.
        await databases.EnsureAsync(["catalog", "payment-provider"], locksServerDatabases: true, bounded.Token);

        var catalog = databases.ConnectionStringFor("catalog");
        Assert.Equal("mosaic_test_catalog", new NpgsqlConnectionStringBuilder(catalog).Database);
        await ExecuteAsync(catalog, "CREATE TABLE products (id int PRIMARY KEY); INSERT INTO products VALUES (1)", bounded.Token);

        var elsewhere = new NpgsqlConnectionStringBuilder(catalog) { Database = "mosaic_test_payment_provider" }.ToString();
        var otherService = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(elsewhere, "SELECT 1", bounded.Token));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, otherService.SqlState);
        Assert.Contains("permission denied for database", otherService.MessageText, StringComparison.Ordinal);

        foreach (var serverDatabase in (string[])["postgres", "template1"])
        {
            var server = new NpgsqlConnectionStringBuilder(catalog) { Database = serverDatabase }.ToString();
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(server, "SELECT 1", bounded.Token));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }

        var createDatabase = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(catalog, "CREATE DATABASE mine", bounded.Token));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, createDatabase.SqlState);
        // The other service's role works in its own database all the same.
        await ExecuteAsync(databases.ConnectionStringFor("payment-provider"), "CREATE TABLE ledger (id int)", bounded.Token);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
