using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Contracts;
using Mosaic.Platform.Listeners;
using Mosaic.Platform.Management;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Policy;
using Mosaic.Platform.Policy.Enforcement;

namespace Mosaic.Platform.Hosting;

/// <summary>
/// A service's identity and policy. With listeners of its own (every real deployment) it must have its
/// certificate and the policy, or it does not start; a test host without listeners, or one that turned
/// mutual TLS off, still enforces the policy on its calls and messages when it finds one.
/// </summary>
internal static class SecuritySetup
{
    public static SecurityPosture Add(WebApplicationBuilder builder, MosaicOptions options, SystemManifest? manifest, ListenerPorts? ports, ApiListener api)
    {
        var service = options.Service;
        var policy = LoadPolicy(options, manifest);
        // Exporting the settings schema or the service contract binds no listener, so needs no certificate.
        var exporting = builder.Configuration[SettingsSetup.ExportSchemaKey] is { Length: > 0 } || builder.Configuration[ContractExport.Key] is { Length: > 0 };
        var mutualTls = ports is not null && options.Security.MutualTls && !exporting;
        PeerVerifier? verifier = null;
        if (mutualTls)
        {
            if (policy is null)
                throw Invalid(service, "Mosaic:Security:Policy", $"names no policy file ({PolicyPath(options, manifest) ?? "no mosaic.yaml found"}); a service with mutual TLS needs one: it denies everything the policy does not allow.");
            var trustDomain = options.Security.TrustDomain ?? manifest?.Name ?? "mosaic";
            if (!SpiffeId.IsValidTrustDomain(trustDomain))
                throw Invalid(service, "Mosaic:Security:TrustDomain", $"is '{trustDomain}'; a trust domain is lower-case letters, digits, '-', '.' and '_' (it is mosaic.yaml's name unless set).");
            var directory = new PkiDirectory(options.Security.CertificateDirectory ?? PkiDirectory.InStateDirectory(options.StateDirectory).Path);
            var certificates = new ServiceCertificates(directory, service);
            verifier = new PeerVerifier(
                certificates,
                trustDomain,
                options.Environment,
                manifest?.Services.Keys ?? [],
                TimeProvider.System);
            builder.Services.AddSingleton(certificates);
            builder.Services.AddSingleton(verifier);
            builder.Services.AddHostedService<CertificateWatcher>();
            builder.Services.AddSingleton<IInfoContributor>(new IdentityInfo(certificates, verifier));
        }
        if (policy is not null)
        {
            builder.Services.AddSingleton(policy);
            builder.Services.AddSingleton<PolicyMetrics>();
            builder.Services.AddSingleton(sp => new PolicyEnforcer(policy, service, sp.GetRequiredService<PolicyMetrics>(), sp.GetRequiredService<ILogger<PolicyEnforcer>>()));
        }
        return new SecurityPosture(verifier, InboundEnforced: verifier is not null && api == ApiListener.MutualTls);
    }

    private static SegmentationPolicy? LoadPolicy(MosaicOptions options, SystemManifest? manifest)
    {
        var path = PolicyPath(options, manifest);
        if (path is null || (options.Security.Policy is null && !File.Exists(path))) return null;
        try
        {
            return SegmentationPolicy.Load(path);
        }
        catch (PolicyException e)
        {
            throw Invalid(options.Service, "Mosaic:Security:Policy", e.Message);
        }
    }

    private static string? PolicyPath(MosaicOptions options, SystemManifest? manifest) =>
        options.Security.Policy ?? (manifest is null ? null : Path.Combine(manifest.RootDirectory, PolicyParser.FolderName, PolicyParser.FileName));

    private static InvalidSettingsException Invalid(string service, string key, string message) => new(service, [new SettingsProblem(key, message)]);
}

/// <summary>What <see cref="SecuritySetup"/> decided: whether this service holds an identity, and whether its API listener checks callers.</summary>
internal sealed record SecurityPosture(PeerVerifier? Verifier, bool InboundEnforced)
{
    public bool MutualTls => Verifier is not null;
}

/// <summary><c>/info</c>'s identity: the SPIFFE ID and when the current certificate expires.</summary>
internal sealed class IdentityInfo(ServiceCertificates certificates, PeerVerifier verifier) : IInfoContributor
{
    public void Contribute(IDictionary<string, object?> info)
    {
        if (!certificates.IsLoaded) return;
        info["identity"] = verifier.Self.ToString();
        info["certificateSerial"] = certificates.Certificate.SerialNumber;
        info["certificateExpires"] = new DateTimeOffset(certificates.Certificate.NotAfter.ToUniversalTime());
    }
}
