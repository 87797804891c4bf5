using Mosaic.PaymentProvider.Api;
using Mosaic.PaymentProvider.Data;
using Mosaic.PaymentProvider.Faults;
using Mosaic.PaymentProvider.Merchants;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("payment-provider");
builder.AddMosaicDatabase<LedgerDbContext>();
builder.Services.AddSingleton<FaultState>();
builder.AddSettings<MerchantKeyOptions>(MerchantKeyOptions.Section);

var app = builder.Build();
app.MapProviderApi();
app.Run();

public partial class Program;
