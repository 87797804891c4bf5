using Mosaic.Gateway.Pipeline;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("gateway");
// Tokens are checked here to keep anonymous traffic away from the services, and again by each service.
builder.AddMosaicAuthentication();
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.Run();

public partial class Program;
