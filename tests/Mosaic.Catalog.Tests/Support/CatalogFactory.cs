using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Mosaic.Platform.Security;

namespace Mosaic.Catalog.Tests.Support;

/// <summary>
/// The catalog in-process, on its own database (a SQLite file in a temporary state folder, or a
/// PostgreSQL database of its own: see <see cref="TestDatabase"/>), trusting tokens from
/// <see cref="Tokens"/> instead of fetching identity's keys.
/// </summary>
public sealed class CatalogFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsStateDirectory;
    private bool cleanedUp;

    public CatalogFactory()
        : this(CreateStateDirectory(), TestDatabase.Create("catalog"), ownsStateDirectory: true)
    {
    }

    private CatalogFactory(string stateDirectory, TestDatabase database, bool ownsStateDirectory, TokenIssuer? tokens = null)
    {
        StateDirectory = stateDirectory;
        Database = database;
        this.ownsStateDirectory = ownsStateDirectory;
        Tokens = tokens ?? new TokenIssuer();
    }

    /// <summary>A second instance on the same state folder, database and keys, as <c>mosaic up</c> runs two catalogs on one database.</summary>
    public static CatalogFactory SharingWith(CatalogFactory first) =>
        new(first.StateDirectory, first.Database, ownsStateDirectory: false, first.Tokens);

    public string StateDirectory { get; }

    public TestDatabase Database { get; }

    public TokenIssuer Tokens { get; }

    public string DatabaseFile => Path.Combine(StateDirectory, "data", "catalog.db");

    public static string CreateStateDirectory() =>
        Directory.CreateTempSubdirectory("mosaic-catalog-tests-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As the service runs for real: in Development ASP.NET Core would answer exceptions with its developer page.
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Mosaic:StateDirectory", StateDirectory);
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISigningKeySource>();
            services.AddSingleton<ISigningKeySource>(new TestSigningKeys(Tokens.Key));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory's Dispose and DisposeAsync both arrive here.
        if (!disposing || !ownsStateDirectory || cleanedUp) return;
        cleanedUp = true;
        Tokens.Dispose();
        Database.Dispose();
        // Pooled connections keep the database file open; let them go before the folder is removed.
        SqliteConnection.ClearAllPools();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
