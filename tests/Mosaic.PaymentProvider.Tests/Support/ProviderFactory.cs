using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Mosaic.PaymentProvider.Tests.Support;

/// <summary>
/// The simulator in-process, with its ledger in a temporary state folder and a database of its own
/// (see <see cref="TestDatabase"/>), or in given ones, to play a restart.
/// </summary>
public sealed class ProviderFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsStateDirectory;
    private bool cleanedUp;

    public ProviderFactory()
        : this(Directory.CreateTempSubdirectory("mosaic-provider-tests-").FullName, TestDatabase.Create("payment-provider"), ownsStateDirectory: true)
    {
    }

    private ProviderFactory(string stateDirectory, TestDatabase database, bool ownsStateDirectory)
    {
        StateDirectory = stateDirectory;
        Database = database;
        this.ownsStateDirectory = ownsStateDirectory;
    }

    /// <summary>The simulator on a state folder and database the caller owns, so that a second one can play its restart.</summary>
    public static ProviderFactory On(string stateDirectory, TestDatabase database) => new(stateDirectory, database, ownsStateDirectory: false);

    public string StateDirectory { get; }

    public TestDatabase Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Mosaic:StateDirectory", StateDirectory);
        builder.UseSetting("PaymentProvider:ApiKey", MerchantKey);
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
    }

    /// <summary>The merchant key this simulator takes; every client the factory creates presents it, as payments does.</summary>
    public const string MerchantKey = "test-merchant-key";

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MerchantKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !ownsStateDirectory || cleanedUp) return;
        cleanedUp = true;
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
