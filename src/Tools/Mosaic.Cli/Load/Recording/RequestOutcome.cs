using System.Globalization;
using System.Net.Sockets;

namespace Mosaic.Cli.Load.Recording;

/// <summary>How one request ended: a success, or the kind of error it was (<c>http-503</c>, <c>timeout</c>, <c>connection-refused</c>...).</summary>
public readonly record struct RequestOutcome(bool Ok, string? ErrorKind, bool Shed = false)
{
    public static readonly RequestOutcome Success = new(true, null);

    /// <summary>2xx and 3xx succeed; anything else is an error of kind <c>http-STATUS</c>. A 429 or 503 with Retry-After is load shed.</summary>
    public static RequestOutcome FromStatus(int status, bool hasRetryAfter) =>
        status is >= 200 and <= 399
            ? Success
            : new RequestOutcome(false, "http-" + status.ToString(CultureInfo.InvariantCulture), hasRetryAfter && status is 429 or 503);

    /// <summary>A request that got no HTTP answer: why, in a word or two.</summary>
    public static RequestOutcome FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or TaskCanceledException or OperationCanceledException) return new(false, "timeout");
            if (e is SocketException socket)
                return new(false, socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection-refused",
                    SocketError.ConnectionReset => "connection-reset",
                    SocketError.TimedOut => "timeout",
                    _ => "socket-" + socket.SocketErrorCode.ToString().ToLowerInvariant(),
                });
            if (e is IOException && e.InnerException is null) return new(false, "connection-reset");
        }
        return new(false, "http-error");
    }
}
