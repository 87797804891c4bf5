using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Mosaic.PaymentProvider.Tests.Support;

/// <summary>The simulator in-process, with its ledger in a temporary state folder (or a given one, to play a restart).</summary>
public sealed class ProviderFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsStateDirectory;
    private bool cleanedUp;

    public ProviderFactory()
        : this(Directory.CreateTempSubdirectory("mosaic-provider-tests-").FullName, ownsStateDirectory: true)
    {
    }

    private ProviderFactory(string stateDirectory, bool ownsStateDirectory)
    {
        StateDirectory = stateDirectory;
        this.ownsStateDirectory = ownsStateDirectory;
    }

    /// <summary>The simulator on a state folder the caller owns, so that a second one can play its restart.</summary>
    public static ProviderFactory On(string stateDirectory) => new(stateDirectory, ownsStateDirectory: false);

    public string StateDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Mosaic:StateDirectory", StateDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !ownsStateDirectory || cleanedUp) return;
        cleanedUp = true;
        SqliteConnection.ClearAllPools();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
