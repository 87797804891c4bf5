namespace Mosaic.Tests.Shared;

/// <summary>
/// The database one in-process service runs on in a test. On SQLite (the default) there is nothing to
/// make: the service keeps its file under its state folder. With <c>MOSAIC_TEST_DATABASE=postgresql</c>
/// it is a fresh PostgreSQL database of its own on the server in <c>MOSAIC_TEST_POSTGRES</c>, dropped
/// when this is disposed; <see cref="Settings"/> point the service at it. The messaging stays on the
/// embedded bus in the state folder either way.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    public const string ProviderVariable = "MOSAIC_TEST_DATABASE";
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    private readonly Dictionary<string, string?> settings = [];
    private int dropped;

    private TestDatabase(string service, string? connectionString)
    {
        Service = service;
        ConnectionString = connectionString;
        if (connectionString is null) return;
        settings["Mosaic:Database:Provider"] = PostgreSql;
        settings[$"ConnectionStrings:{service}"] = connectionString;
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>, from <c>MOSAIC_TEST_DATABASE</c>; SQLite when it is not set.</summary>
    public static string Provider { get; } = ChooseProvider();

    public static bool IsPostgreSql => Provider == PostgreSql;

    /// <summary>The service (its <c>Mosaic:Service</c> name) whose database this is.</summary>
    public string Service { get; }

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>The configuration the service needs to use this database: none on SQLite.</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary><see cref="Settings"/> as environment variables, for a service run as a process of its own.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables =>
        settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>
    /// A database for <paramref name="service"/>: a new PostgreSQL database, or nothing to make on SQLite.
    /// <paramref name="provider"/> overrides <see cref="Provider"/> for a test about one database's own behaviour.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string service, CancellationToken cancellationToken, string? provider = null)
    {
        if ((provider ?? Provider) != PostgreSql) return new TestDatabase(service, connectionString: null);
        // A test that names PostgreSQL is skipped without a server (failed in CI), as other production tests are.
        if (provider is null && !ProductionServers.HasPostgres)
            throw new InvalidOperationException(
                $"{ProviderVariable}={PostgreSql} needs a server: set {ProductionServers.PostgresVariable} to a superuser connection string, e.g. 'Host=127.0.0.1;Port=5432;Username=postgres'.");
        return new TestDatabase(service, await ProductionServers.CreateDatabaseAsync(service, cancellationToken));
    }

    /// <summary>
    /// <see cref="CreateAsync"/> for the places that cannot await (a WebApplicationFactory's or a class
    /// fixture's constructor). Npgsql does not capture the synchronization context, so this cannot deadlock.
    /// </summary>
    public static TestDatabase Create(string service) =>
        CreateAsync(service, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Skips the running test on PostgreSQL: for the few tests that are about SQLite itself.</summary>
    public static void SkipUnlessSqlite(string reason) => Assert.SkipWhen(IsPostgreSql, reason);

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is null || Interlocked.Exchange(ref dropped, 1) == 1) return;
        await ProductionServers.DropDatabaseAsync(ConnectionString);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string ChooseProvider()
    {
        var chosen = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(chosen)) return Sqlite;
        return chosen.Trim().ToLowerInvariant() switch
        {
            Sqlite => Sqlite,
            PostgreSql => PostgreSql,
            _ => throw new InvalidOperationException($"{ProviderVariable} is '{chosen}'; set it to {Sqlite} (the default) or {PostgreSql}."),
        };
    }
}
