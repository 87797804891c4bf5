using Mosaic.Identity.Accounts;
using Mosaic.Identity.Admin;
using Mosaic.Identity.Api;
using Mosaic.Identity.Data;
using Mosaic.Identity.Keys;
using Mosaic.Identity.Tokens;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Security;

// `Mosaic.Identity admin create EMAIL ...` is a one-shot command, not the service.
if (AdminCommandLine.IsRequested(args)) return await AdminTool.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic(Program.ServiceName);
builder.AddMosaicDatabase<IdentityDbContext>();
builder.Services.AddAccounts(builder.Configuration);
builder.AddAccessTokens();
// Before authentication: identity checks its own tokens with its own key rather than fetching its JWKS from itself.
builder.AddSigningKey();
builder.AddMosaicAuthentication();

var app = builder.Build();
app.MapIdentityApi();
await app.RunAsync();
return 0;

public partial class Program
{
    internal const string ServiceName = "identity";
}
