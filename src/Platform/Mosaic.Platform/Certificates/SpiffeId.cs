using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// A service's identity: <c>spiffe://TRUST-DOMAIN/ENVIRONMENT/SERVICE</c>, carried as the URI subject
/// alternative name of its certificate.
/// </summary>
public sealed record SpiffeId(string TrustDomain, string Environment, string Service)
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriName = new(TagClass.ContextSpecific, 6);

    public Uri Uri => new(ToString());

    public override string ToString() => $"spiffe://{TrustDomain}/{Environment}/{Service}";

    public static SpiffeId? TryParse(string? text)
    {
        if (text is null || !text.StartsWith("spiffe://", StringComparison.Ordinal)) return null;
        var parts = text["spiffe://".Length..].Split('/');
        return parts.Length == 3 && parts.All(IsName) ? new SpiffeId(parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>The SPIFFE ID in <paramref name="certificate"/>'s URI names, or null when it has none (or more than one).</summary>
    public static SpiffeId? FromCertificate(X509Certificate2 certificate)
    {
        SpiffeId? found = null;
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid) continue;
            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    if (names.PeekTag() != UriName)
                    {
                        names.ReadEncodedValue();
                        continue;
                    }
                    var id = TryParse(names.ReadCharacterString(UniversalTagNumber.IA5String, UriName));
                    if (id is null) continue;
                    if (found is not null) return null;
                    found = id;
                }
            }
            catch (AsnContentException)
            {
                return null;
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="trustDomain"/> can stand in a SPIFFE ID as written (lower case, no spaces).</summary>
    public static bool IsValidTrustDomain(string trustDomain) => IsName(trustDomain);

    private static bool IsName(string part) =>
        part.Length is > 0 and <= 63 && part.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_');
}
