using System.Net;

namespace Mosaic.Gateway.Forwarding;

/// <summary>
/// The caller's request body, streamed to the instance as it arrives: nothing is buffered, and
/// Kestrel's body limit still applies while it flows. Unlike a StreamContent it never disposes the
/// request body, which belongs to Kestrel.
/// </summary>
internal sealed class RequestBodyContent(HttpRequest request) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        request.BodyReader.CopyToAsync(stream, cancellationToken);

    // The caller's Content-Length header, copied over, frames the body; without one it goes chunked.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
