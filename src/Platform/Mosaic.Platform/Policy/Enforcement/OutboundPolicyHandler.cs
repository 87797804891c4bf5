namespace Mosaic.Platform.Policy.Enforcement;

/// <summary>Refuses a call to another service that the policy does not allow, before a connection is touched.</summary>
internal sealed class OutboundPolicyHandler(string target, PolicyEnforcer enforcer) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = OutboundPath(request.RequestUri ?? throw new InvalidOperationException("A service call needs a request URI."));
        if (path is null || !enforcer.AllowsOutbound(target, request.Method.Method, path))
            throw new CallNotAllowedException(enforcer.Service, target, request.Method.Method, path ?? request.RequestUri.AbsolutePath);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The path as the receiving service will see it: percent-decoded (an encoded slash stays encoded, and so is refused), then canonical.</summary>
    internal static string? OutboundPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.Contains('%', StringComparison.Ordinal))
        {
            if (path.Contains("%2F", StringComparison.OrdinalIgnoreCase)) return null;
            path = Uri.UnescapeDataString(path);
        }
        return CanonicalPath.Normalize(path);
    }
}
