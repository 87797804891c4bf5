using Mosaic.Gateway.Pipeline;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
// The public entry: its API listener takes anyone, its calls to the services carry its own identity.
builder.AddMosaic("gateway", ApiListener.Public);
// Tokens are checked here to keep anonymous traffic away from the services, and again by each service.
builder.AddMosaicAuthentication();
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.Run();

public partial class Program;
