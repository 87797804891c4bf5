using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Pki;

/// <summary>
/// What <c>mosaic up</c> does with certificates: issues what is missing before any service starts, then
/// looks every minute and renews each certificate in the last third of its life. The services reload the
/// files themselves.
/// </summary>
public sealed class UpCertificates : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly EnvironmentPki pki;
    private readonly ConsoleOutput output;
    private readonly TimeSpan lifetime;
    private readonly Timer timer;

    private UpCertificates(EnvironmentPki pki, ConsoleOutput output, TimeSpan lifetime)
    {
        this.pki = pki;
        this.output = output;
        this.lifetime = lifetime;
        timer = new Timer(_ => Renew(), null, CheckInterval, CheckInterval);
    }

    public static UpCertificates Start(EnvironmentPki pki, ConsoleOutput output, TimeSpan lifetime)
    {
        var issued = pki.RenewDue(lifetime);
        output.Line(issued.Count == 0
            ? $"Identities: every certificate in {pki.Directory.Path} is current."
            : $"Identities: issued {string.Join(", ", issued)} a certificate valid for {lifetime.TotalHours:0.#} h (spiffe://{pki.TrustDomain}/...).");
        return new UpCertificates(pki, output, lifetime);
    }

    public void Dispose() => timer.Dispose();

    private void Renew()
    {
        try
        {
            var renewed = pki.RenewDue(lifetime);
            if (renewed.Count > 0) output.Line($"Renewed the certificates of {string.Join(", ", renewed)}.");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // A timer callback that throws would end mosaic up; a failed renewal is reported and tried again.
            output.Warning($"Could not renew certificates ({e.Message}); the services keep their current ones until it works.");
        }
    }
}
