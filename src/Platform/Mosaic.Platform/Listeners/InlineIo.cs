using Microsoft.AspNetCore.Hosting;

namespace Mosaic.Platform.Listeners;

/// <summary>
/// A service whose manifest entry says <c>inlineIo: true</c> runs its I/O the way an event loop does:
/// <c>mosaic up</c> starts it with <see cref="RuntimeVariable"/> set, so the runtime runs what follows a
/// socket read or write on the socket's own thread, and the service's listener is set to match here,
/// so Kestrel runs each request there too instead of handing it to the thread pool.
/// </summary>
/// <remarks>
/// The runtime reads the variable once, when the process first uses a socket, which is why it comes from
/// the process's environment and not from configuration. What it saves is the hand-over between threads
/// (a wake-up and a switch of CPU caches each time), which at moderate load costs more than the request
/// itself (benchmarks/README.md, "Inline I/O and thread-pool spinning"). The price: nothing that runs on
/// that thread may block, or every connection it serves waits. Only the gateway, which forwards without
/// blocking, turns it on.
/// </remarks>
public static class InlineIo
{
    public const string RuntimeVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool IsOn => Environment.GetEnvironmentVariable(RuntimeVariable) == "1";

    internal static void Configure(IWebHostBuilder webHost)
    {
        if (IsOn) webHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
    }
}
