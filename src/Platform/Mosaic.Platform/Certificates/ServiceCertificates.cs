using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// This process's certificate and the environment's authority and revocation list, as files in its
/// <see cref="PkiDirectory"/> say now. <c>mosaic up</c> renews the files before they expire;
/// <see cref="CertificateWatcher"/> notices and calls <see cref="TryReload"/>, and the next TLS handshake
/// uses the new certificate. Connections already open keep theirs, so renewal fails no request.
/// The files are read when first needed, which for a service is as its API listener starts: a host
/// without listeners (an in-process test server) never needs them.
/// </summary>
public sealed class ServiceCertificates(PkiDirectory directory, string name)
{
    private readonly Lock loading = new();
    private volatile Loaded? current;

    public PkiDirectory Directory { get; } = directory;

    /// <summary>The identity's name: the service, or <c>mosaic</c> for the operator's tools.</summary>
    public string Name { get; } = name;

    /// <summary>This identity's certificate, with its private key.</summary>
    public X509Certificate2 Certificate => EnsureLoaded().Certificate;

    public X509Certificate2 Authority => EnsureLoaded().Authority;

    public RevocationList Revoked => EnsureLoaded().Revoked;

    public bool IsLoaded => current is not null;

    /// <summary>Reads the files unless already read; a missing or broken one is a start-up error that says how to get it.</summary>
    public void Load() => EnsureLoaded();

    /// <summary>True when the files changed since the last read.</summary>
    public bool HasChanged() => current is { } loaded && Stamp(Directory, Name) != loaded.Stamp;

    /// <summary>Reads the files again; on failure keeps what it had and returns the reason.</summary>
    public string? TryReload()
    {
        try
        {
            current = Read(Directory, Name);
            return null;
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            return e.Message;
        }
    }

    private Loaded EnsureLoaded()
    {
        if (current is { } loaded) return loaded;
        lock (loading)
        {
            try
            {
                return current ??= Read(Directory, Name);
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                throw new InvalidSettingsException(Name,
                [
                    new SettingsProblem("Mosaic:Security:CertificateDirectory",
                        $"has no usable certificate for '{Name}' in {Directory.Path} ({e.Message}). `./mosaic up` issues every service its certificate; " +
                        "`./mosaic pki issue NAME` issues one by hand."),
                ]);
            }
        }
    }

    private static Loaded Read(PkiDirectory directory, string name)
    {
        // The stamp is taken first: a file replaced while it is read is read again at the next check.
        var stamp = Stamp(directory, name);
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(directory.AuthorityCertificate));
        var certificate = X509Certificate2.CreateFromPemFile(directory.CertificateOf(name), directory.KeyOf(name));
        var revoked = File.Exists(directory.RevocationList)
            ? RevocationList.Parse(File.ReadAllBytes(directory.RevocationList), authority)
            : RevocationList.Empty;
        return new Loaded(certificate, authority, revoked, stamp);
    }

    private static string Stamp(PkiDirectory directory, string name) => string.Join('|',
        new[] { directory.AuthorityCertificate, directory.CertificateOf(name), directory.KeyOf(name), directory.RevocationList }
            .Select(path => new FileInfo(path) is { Exists: true } file ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "-"));

    private sealed record Loaded(X509Certificate2 Certificate, X509Certificate2 Authority, RevocationList Revoked, string Stamp);
}
