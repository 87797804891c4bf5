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
    private readonly ConditionalWeakTable<X509Certificate2, VerifiedPeer> verified = [];

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

    /// <summary>
    /// The identity of a peer whose certificate this verifier accepted, or null when it is unknown or has been
    /// revoked since; cached per certificate object (a connection presents the same one on every request), so a
    /// request allocates nothing here.
    /// </summary>
    public SpiffeId? IdentityOf(X509Certificate2 peer) =>
        verified.TryGetValue(peer, out var known) && !certificates.Revoked.IsRevoked(known.Serial) ? known.Id : null;

    /// <summary>A chain policy that trusts this environment's authority only and never fetches anything while it builds.</summary>
    public X509ChainPolicy ChainPolicy(Oid purpose)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            // A peer's certificate may name URLs to fetch issuers from; a handshake must never dial out for an unauthenticated caller.
            DisableCertificateDownloads = true,
            // Checked at the time of each build (a handler keeps this policy for its whole life).
            VerificationTimeIgnored = true,
        };
        policy.CustomTrustStore.Add(certificates.Authority);
        policy.ApplicationPolicy.Add(purpose);
        return policy;
    }

    public static Oid ClientPurpose => ClientAuthentication;

    public static Oid ServerPurpose => ServerAuthentication;

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
        var serial = peer.SerialNumber;
        if (certificates.Revoked.IsRevoked(serial)) return PeerVerdict.Refused($"certificate {serial} of {id} is revoked");

        using var chain = new X509Chain { ChainPolicy = ChainPolicy(purpose) };
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
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
        verified.AddOrUpdate(peer, new VerifiedPeer(id, serial));
        return PeerVerdict.Accepted(id);
    }
}

internal sealed record VerifiedPeer(SpiffeId Id, string Serial);

/// <summary>The outcome of checking a peer: its identity, or why it was refused.</summary>
public readonly record struct PeerVerdict(SpiffeId? Identity, string? Refusal)
{
    public bool IsAccepted => Identity is not null;

    public static PeerVerdict Accepted(SpiffeId id) => new(id, null);

    public static PeerVerdict Refused(string reason) => new(null, reason);
}
