using System.Collections.Frozen;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// The serial numbers the authority has revoked, read from its signed CRL. A CRL not signed by the
/// authority is refused rather than half-trusted.
/// </summary>
public sealed class RevocationList
{
    public static readonly RevocationList Empty = new(FrozenSet<string>.Empty);

    private readonly FrozenSet<string> serials;

    private RevocationList(FrozenSet<string> serials) => this.serials = serials;

    public int Count => serials.Count;

    /// <summary>The revoked serial numbers, in hex.</summary>
    public IReadOnlyCollection<string> Serials => serials;

    public bool IsRevoked(X509Certificate2 certificate) => serials.Count > 0 && serials.Contains(certificate.SerialNumber);

    /// <summary>Whether the hex serial number <paramref name="serial"/> is revoked.</summary>
    public bool IsRevoked(string serial) => serials.Count > 0 && serials.Contains(serial);

    /// <summary>Reads a DER or PEM CRL and checks its signature with <paramref name="authority"/>'s key.</summary>
    public static RevocationList Parse(byte[] crl, X509Certificate2 authority)
    {
        try
        {
            var der = Der(crl);
            var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var signedPart = list.ReadEncodedValue();
            list.ReadSequence(); // signature algorithm
            var signature = list.ReadBitString(out _);
            using var key = authority.GetECDsaPublicKey()
                ?? throw new CryptographicException("The authority's certificate has no ECDSA key.");
            if (!key.VerifyData(signedPart.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                throw new CryptographicException("The revocation list is not signed by this environment's authority.");

            var body = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
            if (body.PeekTag() == Asn1Tag.Integer) body.ReadInteger(); // version
            body.ReadSequence(); // signature algorithm
            body.ReadSequence(); // issuer
            body.ReadEncodedValue(); // thisUpdate
            var revoked = new HashSet<string>(StringComparer.Ordinal);
            if (body.HasData && body.PeekTag() is { TagClass: TagClass.Universal } tag && tag.TagValue != (int)UniversalTagNumber.Sequence)
                body.ReadEncodedValue(); // nextUpdate
            if (body.HasData && body.PeekTag() == Asn1Tag.Sequence)
            {
                var entries = body.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
                }
            }
            return new RevocationList(revoked.ToFrozenSet(StringComparer.Ordinal));
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentException)
        {
            throw new CryptographicException("The revocation list is not a valid CRL.", e);
        }
    }

    private static byte[] Der(byte[] data)
    {
        if (data.Length == 0 || data[0] != (byte)'-') return data;
        var text = System.Text.Encoding.ASCII.GetString(data);
        return Convert.FromBase64String(text[PemEncoding.Find(text).Base64Data]);
    }
}
