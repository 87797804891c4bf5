using Mosaic.Catalog.Api;
using Mosaic.Catalog.Data;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("catalog");
builder.AddMosaicDatabase<CatalogDbContext>();
builder.AddMosaicAuthentication();

var app = builder.Build();
app.MapCatalogApi();
app.Run();

public partial class Program;
