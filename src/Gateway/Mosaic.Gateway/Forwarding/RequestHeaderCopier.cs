using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Primitives;
using Mosaic.Gateway.Routing;

namespace Mosaic.Gateway.Forwarding;

/// <summary>
/// Copies the caller's headers onto the upstream request, minus what belongs to the caller's
/// connection, and adds the X-Forwarded-* headers that tell the service who really asked.
/// </summary>
internal sealed class RequestHeaderCopier
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";
    private const string ForwardedPrefix = "X-Forwarded-Prefix";

    private readonly FrozenSet<string> skipped;

    /// <param name="propagatorFields">
    /// The trace headers the upstream handler injects for the gateway's own span. The caller's
    /// copies must not travel on: the handler leaves a header it finds in place, and the service
    /// would then see the caller's span as its parent instead of the gateway's.
    /// </param>
    public RequestHeaderCopier(IEnumerable<string> propagatorFields) =>
        skipped = HopByHopHeaders.With(
            // Host becomes the instance's own; the X-Forwarded-* values are set below, not trusted from the caller.
            ["Host", ForwardedProto, ForwardedHost, ForwardedPrefix, ForwardedFor],
            ["traceparent", "tracestate"],
            propagatorFields);

    public void Copy(HttpContext context, HttpRequestMessage upstream, GatewayRoute route)
    {
        var headers = context.Request.Headers;
        var connection = headers.Connection;
        foreach (var header in headers)
        {
            if (skipped.Contains(header.Key)) continue;
            if (connection.Count > 0 && HopByHopHeaders.IsNamedBy(connection, header.Key)) continue;
            Add(upstream, header.Key, header.Value);
        }

        var client = context.Connection.RemoteIpAddress;
        if (client is not null)
        {
            if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
            var address = client.ToString();
            var earlier = headers[ForwardedFor];
            upstream.Headers.TryAddWithoutValidation(ForwardedFor, earlier.Count == 0 ? address : $"{earlier}, {address}");
        }
        upstream.Headers.TryAddWithoutValidation(ForwardedProto, context.Request.Scheme);
        if (context.Request.Host.HasValue) upstream.Headers.TryAddWithoutValidation(ForwardedHost, context.Request.Host.Value);
        if (route.ForwardedPrefix is not null) upstream.Headers.TryAddWithoutValidation(ForwardedPrefix, route.ForwardedPrefix);
    }

    private static void Add(HttpRequestMessage upstream, string name, StringValues value)
    {
        if (value.Count == 1)
        {
            var single = value.ToString();
            // Content headers (Content-Type, Content-Length) are refused on the message and belong on its body.
            if (!upstream.Headers.TryAddWithoutValidation(name, single)) upstream.Content?.Headers.TryAddWithoutValidation(name, single);
            return;
        }
        IEnumerable<string?> values = value;
        if (!upstream.Headers.TryAddWithoutValidation(name, values)) upstream.Content?.Headers.TryAddWithoutValidation(name, values);
    }
}
