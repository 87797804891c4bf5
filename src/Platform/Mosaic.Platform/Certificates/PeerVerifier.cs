using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// Decides whether the other end of a TLS connection is one of this environment's identities: its
/// certificate chains to the environment's authority (and no other), is within its validity, is not
/// revoked, and names exactly one SPIFFE ID in this trust domain and environment whose name is a known
/// identity (a service in the manifest, or <c>mosaic</c>). A client also checks that it reached the
/// service it meant to call.
/// </summary>
public sealed class PeerVerifier(
    ServiceCertificates certificates,
    string trustDomain,
    string environment,
    IEnumerable<string> knownIdentities,
    TimeProvider clock)
{
    public const string OperatorIdentity = "mosaic";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly FrozenSet<string> known = knownIdentities.Append(OperatorIdentity).ToFrozenSet(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<X509Certificate2, SpiffeId> identities = [];

    /// <summary>This process's own certificate, and the authority and revocation list it checks peers against.</summary>
    public ServiceCertificates Certificates => certificates;

    public string TrustDomain => trustDomain;

    public string Environment => environment;

    /// <summary>This process's own SPIFFE ID.</summary>
    public SpiffeId Self => new(trustDomain, environment, certificates.Name);

    /// <summary>Checks a client's certificate (on the server side of a handshake).</summary>
    public PeerVerdict VerifyClient(X509Certificate2? peer) => Verify(peer, ClientAuthentication, expectedService: null);

    /// <summary>Checks a server's certificate (on the client side), which must be <paramref name="expectedService"/>'s.</summary>
    public PeerVerdict VerifyServer(X509Certificate2? peer, string expectedService) => Verify(peer, ServerAuthentication, expectedService);

    /// <summary>The identity of an already verified peer; cached per certificate, since a connection presents the same one on every request.</summary>
    public SpiffeId? IdentityOf(X509Certificate2 peer) =>
        identities.TryGetValue(peer, out var id) ? id : SpiffeId.FromCertificate(peer) is { } parsed ? identities.GetValue(peer, _ => parsed) : null;

    /// <summary>Whether a certificate on an open connection has been revoked since it was checked.</summary>
    public bool IsRevoked(X509Certificate2 peer) => certificates.Revoked.IsRevoked(peer);

    private PeerVerdict Verify(X509Certificate2? peer, Oid purpose, string? expectedService)
    {
        if (peer is null) return PeerVerdict.Refused("no certificate was presented");
        var id = SpiffeId.FromCertificate(peer);
        if (id is null) return PeerVerdict.Refused($"certificate {peer.SerialNumber} names no single spiffe:// identity");
        if (id.TrustDomain != trustDomain || id.Environment != environment)
            return PeerVerdict.Refused($"{id} is not in trust domain {trustDomain}, environment {environment}");
        if (!known.Contains(id.Service)) return PeerVerdict.Refused($"{id} is not a known identity");
        if (expectedService is not null && id.Service != expectedService)
            return PeerVerdict.Refused($"{id} answered where {expectedService} was expected");
        if (certificates.Revoked.IsRevoked(peer)) return PeerVerdict.Refused($"certificate {peer.SerialNumber} of {id} is revoked");

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificates.Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(purpose);
        try
        {
            if (!chain.Build(peer))
            {
                var reasons = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                return PeerVerdict.Refused($"certificate {peer.SerialNumber} of {id} does not verify against this environment's authority ({reasons})");
            }
        }
        catch (CryptographicException e)
        {
            return PeerVerdict.Refused($"certificate {peer.SerialNumber} could not be checked ({e.Message})");
        }
        identities.AddOrUpdate(peer, id);
        return PeerVerdict.Accepted(id);
    }
}

/// <summary>The outcome of checking a peer: its identity, or why it was refused.</summary>
public readonly record struct PeerVerdict(SpiffeId? Identity, string? Refusal)
{
    public bool IsAccepted => Identity is not null;

    public static PeerVerdict Accepted(SpiffeId id) => new(id, null);

    public static PeerVerdict Refused(string reason) => new(null, reason);
}
