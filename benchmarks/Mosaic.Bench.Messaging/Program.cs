using Mosaic.Bench.Messaging;
using Mosaic.Bench.Messaging.Consumer;
using Mosaic.Bench.Messaging.Data;
using Mosaic.Bench.Messaging.Publisher;
using Mosaic.Bench.Messaging.Raw;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;

// Two minimal Mosaic services in one executable, started as separate processes on one embedded bus:
//   messaging-bench publisher   (service bench-publisher: POST /runs publishes through its outbox)
//   messaging-bench consumer    (service bench-consumer: handles each event with one effect row; GET /runs/{run})
// and, for the RabbitMQ benchmark, the plain-client baseline on the same broker (no service, no database):
//   messaging-bench raw [options]   (one run; its result as JSON on stdout)
var role = args.Length > 0 ? args[0] : "";
if (role == "raw") return await RawBenchmark.RunAsync(args[1..]);
if (role is not ("publisher" or "consumer"))
{
    Console.Error.WriteLine("usage: messaging-bench publisher|consumer|raw  (service settings as Mosaic__* environment variables, as mosaic up sets them)");
    return 2;
}

var builder = WebApplication.CreateBuilder(args[1..]);
// The bus is what is measured; the two roles make no HTTP calls to each other, so no identities are issued for them.
builder.Configuration["Mosaic:Security:MutualTls"] = "false";
builder.AddMosaic($"bench-{role}");
builder.AddMosaicDatabase<BenchDbContext>();
builder.Services.AddSingleton<HandledLog>();
builder.Services.AddSingleton<HandledCommits>();
builder.Services.AddSingleton<SqliteTuning>();
// Interceptors go into the options the platform builds once, not into OnConfiguring, which would make
// every DbContext instance (one per message) build and look up its own options.
builder.Services.ConfigureDbContext<BenchDbContext>((services, db) =>
{
    db.AddInterceptors(services.GetRequiredService<HandledCommits>());
    if (services.GetRequiredService<SqliteTuning>() is { IsActive: true } tuning) db.AddInterceptors(tuning);
});
if (role == "publisher")
{
    builder.AddMosaicMessaging<BenchDbContext>(m => m.Publishes<BenchEvent>(BenchEvents.Published));
    builder.Services.AddSingleton<LoadDriver>();
}
else
{
    builder.AddMosaicMessaging<BenchDbContext>(m => m.Consumes<BenchEvent, EffectHandler>(BenchEvents.Published));
}

var app = builder.Build();
if (role == "publisher") app.MapLoad();
else app.MapRuns();
await app.RunAsync();
return 0;
