using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Platform.Management;

namespace Mosaic.Platform.Tests.Data;

public class DatabaseSetupTests
{
    [Fact]
    public void A_service_with_a_dash_in_its_name_finds_its_connection_string_under_underscores_as_a_shell_passes_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Service"] = "payment-provider",
            ["Mosaic:Database:Provider"] = "postgresql",
            // What ConnectionStrings__payment_provider becomes: /bin/sh drops ConnectionStrings__payment-provider.
            ["ConnectionStrings:payment_provider"] = "Host=db.internal;Port=5433;Database=ledger;Username=ledger;Password=secret",
        });

        builder.AddMosaicDatabase<EmptyContext>();

        var info = new Dictionary<string, object?>();
        foreach (var contributor in builder.Services.Select(s => s.ImplementationInstance).OfType<IInfoContributor>()) contributor.Contribute(info);
        var database = System.Text.Json.JsonSerializer.Serialize(info["database"]);
        Assert.Equal("""{"provider":"postgresql","location":"db.internal:5433/ledger"}""", database);
    }

    private sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);
}
