using Mosaic.PaymentProvider.Api;
using Mosaic.PaymentProvider.Data;
using Mosaic.PaymentProvider.Faults;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("payment-provider");
builder.AddMosaicDatabase<LedgerDbContext>();
builder.Services.AddSingleton<FaultState>();

var app = builder.Build();
app.MapProviderApi();
app.Run();

public partial class Program;
