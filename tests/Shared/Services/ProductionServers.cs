using Npgsql;

namespace Mosaic.Tests.Shared;

/// <summary>
/// The production profile's servers that <c>test.sh</c> starts for the tests: a PostgreSQL superuser
/// connection in <c>MOSAIC_TEST_POSTGRES</c> and a RabbitMQ URI in <c>MOSAIC_TEST_RABBITMQ</c>. Without
/// them a production test is skipped, saying how to run it, unless <c>MOSAIC_REQUIRE_PRODUCTION=1</c>
/// (set by CI), where a missing server fails the test.
/// </summary>
public static class ProductionServers
{
    public const string PostgresVariable = "MOSAIC_TEST_POSTGRES";
    public const string RabbitMqVariable = "MOSAIC_TEST_RABBITMQ";
    public const string RequiredVariable = "MOSAIC_REQUIRE_PRODUCTION";

    private const string HowToRun = "run ./test.sh, which starts private PostgreSQL and RabbitMQ servers when they are installed (see the README)";

    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    public static bool HasPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public static bool HasRabbitMq => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RabbitMqVariable));

    /// <summary>The superuser connection string, or the test is skipped (failed when required).</summary>
    public static string RequirePostgres() => Require(PostgresVariable, "PostgreSQL");

    /// <summary>The broker's AMQP URI (a user that may declare and delete anything), or the test is skipped (failed when required).</summary>
    public static string RequireRabbitMq() => Require(RabbitMqVariable, "RabbitMQ");

    /// <summary>Creates an empty database of its own for one test or fixture and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var admin = RequirePostgres();
        var name = $"test_{purpose.ToLowerInvariant().Replace('-', '_')}_{Guid.NewGuid():N}"[..Math.Min(63, 5 + purpose.Length + 1 + 32)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(RequirePostgres());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Require(string variable, string server)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = $"{variable} is not set, so there is no {server} server for this test: {HowToRun}.";
        if (Required) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }
}
