using Mosaic.Bench.Messaging;
using Mosaic.Bench.Messaging.Consumer;
using Mosaic.Bench.Messaging.Data;
using Mosaic.Bench.Messaging.Publisher;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;

// Two minimal Mosaic services in one executable, started as separate processes on one embedded bus:
//   messaging-bench publisher   (service bench-publisher: POST /runs publishes through its outbox)
//   messaging-bench consumer    (service bench-consumer: handles each event with one effect row; GET /runs/{run})
var role = args.Length > 0 ? args[0] : "";
if (role is not ("publisher" or "consumer"))
{
    Console.Error.WriteLine("usage: messaging-bench publisher|consumer  (settings as Mosaic__* environment variables, as mosaic up sets them)");
    return 2;
}

var builder = WebApplication.CreateBuilder(args[1..]);
builder.AddMosaic($"bench-{role}");
builder.AddMosaicDatabase<BenchDbContext>();
builder.Services.AddSingleton<HandledLog>();
builder.Services.AddSingleton<SqliteTuning>();
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
