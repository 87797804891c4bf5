using System.Net;
using System.Text;

namespace Mosaic.Cli.Tests.Support;

/// <summary>A management listener on a real port answering /health/ready and /info the way a service does.</summary>
internal sealed class FakeManagementListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakeManagementListener(int port, HttpStatusCode readiness, string infoJson)
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return; // stopped
                }
                var (status, body) = context.Request.Url?.AbsolutePath switch
                {
                    "/health/ready" => (readiness, """{"status":"Healthy"}"""),
                    "/info" => (HttpStatusCode.OK, infoJson),
                    _ => (HttpStatusCode.NotFound, ""),
                };
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
