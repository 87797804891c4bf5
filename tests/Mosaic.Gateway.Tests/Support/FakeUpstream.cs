using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mosaic.Gateway.Tests.Support;

/// <summary>
/// A tiny service on a free loopback port that answers every path with what it received, plus a
/// few special paths: identity's JWKS, a large streamed body, a body held back until the test
/// releases it, an answer that never comes, a 403, hop-by-hop response headers, and Locations.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const int ChunkBytes = 64 * 1024;

    private readonly WebApplication app;
    private bool stopped;

    private FakeUpstream(string name, WebApplication app)
    {
        Name = name;
        this.app = app;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every path+query this instance was asked for.</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    /// <summary>Completed by a test to let <c>/gated</c> send the rest of its body.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeUpstream> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var upstream = new FakeUpstream(name, app);
        upstream.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        upstream.Address = new Uri(address);
        return upstream;
    }

    public static byte PatternByte(long index) => (byte)(index * 31 % 251);

    private void Map(WebApplication web)
    {
        web.Use((context, next) =>
        {
            Seen.Enqueue(context.Request.Path + context.Request.QueryString);
            return next(context);
        });
        web.MapGet("/.well-known/jwks.json", () => Results.Text(TestTokens.Jwks, "application/json"));
        web.MapGet("/large", (int kib, HttpResponse response, CancellationToken ct) => WritePatternAsync(response, 0, kib * 1024L, ct));
        web.MapGet("/gated", async (HttpResponse response, CancellationToken ct) =>
        {
            await WritePatternAsync(response, 0, ChunkBytes, ct);
            await Gate.Task.WaitAsync(ct);
            await WritePatternAsync(response, ChunkBytes, ChunkBytes, ct);
        });
        web.MapGet("/stall", async (HttpResponse response, CancellationToken ct) =>
        {
            await WritePatternAsync(response, 0, 1024, ct);
            await response.Body.FlushAsync(ct);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        web.MapGet("/hang", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Results.Ok();
        });
        web.MapPost("/created", () => Results.Created("/things/42", new { id = 42 }));
        web.MapPost("/orders", () => Results.Accepted("/orders/0b9e4c1e", new { id = "0b9e4c1e", status = "Pending" }));
        web.MapGet("/elsewhere", () => Results.Redirect("http://example.test/away"));
        web.MapGet("/forbidden", () => Results.Problem(statusCode: 403, title: "Forbidden", detail: "Admins only."));
        web.MapGet("/hop-response", (HttpResponse response) =>
        {
            response.Headers.Connection = "X-Resp-Hop";
            response.Headers["X-Resp-Hop"] = "1";
            response.Headers.KeepAlive = "timeout=5";
            response.Headers.ProxyAuthenticate = "Basic realm=\"upstream\"";
            response.Headers.Upgrade = "example/1";
            response.Headers["X-Resp-Kept"] = "kept";
            return Results.Text("ok");
        });
        web.Map("/{**rest}", EchoAsync);
    }

    private async Task EchoAsync(HttpContext context)
    {
        var buffer = new byte[16 * 1024];
        long length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0) length += read;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        await context.Response.WriteAsJsonAsync(new Echo(Name, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, length), context.RequestAborted);
    }

    private static async Task WritePatternAsync(HttpResponse response, long from, long count, CancellationToken ct)
    {
        var chunk = new byte[ChunkBytes];
        for (var offset = 0L; offset < count; offset += chunk.Length)
        {
            var size = (int)Math.Min(chunk.Length, count - offset);
            for (var i = 0; i < size; i++) chunk[i] = PatternByte(from + offset + i);
            await response.Body.WriteAsync(chunk.AsMemory(0, size), ct);
            await response.Body.FlushAsync(ct);
        }
    }

    public async Task StopAsync()
    {
        if (stopped) return;
        stopped = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
