using Mosaic.Platform.Files;
using System.Security.Cryptography;

namespace Mosaic.Identity.Keys;

/// <summary>
/// Keeps the signing key in <c>STATE/keys/identity-signing.pem</c> (PKCS#8, readable by the owner
/// only). The first instance to start makes the key; the others, even when starting at the same
/// moment, end up with that same key.
/// </summary>
public static class SigningKeyStore
{
    public const string FileName = "identity-signing.pem";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    public static SigningKey LoadOrCreate(string keyDirectory)
    {
        var folder = Path.GetFullPath(keyDirectory);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnlyFolder);

        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Load(path) : Create(path);
    }

    private static SigningKey Create(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // The key is written in full under a name nobody reads, then linked into place in one step
        // that fails if the file exists: readers never see half a key, and racing instances never
        // overwrite a key another instance may already be signing with.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
            using (var file = new FileStream(temporary, options))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
                writer.Flush();
                file.Flush(flushToDisk: true);
            }
            if (ExclusiveFile.TryPublish(temporary, path)) return new SigningKey(key);
            // Another instance won the race; use its key.
            key.Dispose();
            return Load(path);
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static SigningKey Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new SigningKey(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"{path} does not hold an ECDSA P-256 private key in PEM form. Delete it to have identity make a new one; tokens signed with the old key stop being accepted.", e);
        }
    }
}
