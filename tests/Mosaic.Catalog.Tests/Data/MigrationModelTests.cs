using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Data;

/// <summary>The migrations are written by hand: the model the last one describes must be the model the code maps.</summary>
public sealed class MigrationModelTests
{
    [Fact]
    public void The_latest_migration_describes_exactly_the_model_the_DbContext_maps()
    {
        using var catalog = new CatalogFactory();
        catalog.StartServer();
        using var scope = catalog.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var migrations = db.GetService<IMigrationsAssembly>();
        var latest = migrations.CreateMigration(migrations.Migrations.Last().Value, db.Database.ProviderName!);
        var described = db.GetService<IModelRuntimeInitializer>().Initialize(latest.TargetModel!, designTime: true);

        var differences = db.GetService<IMigrationsModelDiffer>()
            .GetDifferences(described.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        Assert.Equal("2026112201_StockReservations", migrations.Migrations.Last().Key);
        Assert.Empty(differences.Select(d => d is Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation add ? $"add {add.Table}.{add.Name}" : d.GetType().Name));
    }
}
