namespace Mosaic.Platform.Hosting;

/// <summary>
/// <c>Mosaic:Security</c>: how this service proves who it is and whom it lets in. Mutual TLS is on
/// whenever the service has listeners of its own; turning it off is for a laptop experiment, never
/// for an environment.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>Require a client certificate from the environment's authority on the API listener, and present this service's own on every call.</summary>
    public bool MutualTls { get; set; } = true;

    /// <summary>Where <c>ca.crt</c>, <c>SERVICE.crt</c> and <c>SERVICE.key</c> are; default <c>STATE-DIRECTORY/pki</c>.</summary>
    public string? CertificateDirectory { get; set; }

    /// <summary>The segmentation policy; default <c>policies/policy.yaml</c> beside mosaic.yaml.</summary>
    public string? Policy { get; set; }

    /// <summary>The SPIFFE trust domain; default the manifest's name.</summary>
    public string? TrustDomain { get; set; }
}
