using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mosaic.Platform.Certificates;

/// <summary>Looks at the certificate files every couple of seconds and reloads them when they change.</summary>
internal sealed partial class CertificateWatcher(ServiceCertificates certificates, TimeProvider clock, ILogger<CertificateWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (certificates.IsLoaded) LogLoaded(logger, certificates.Certificate.SerialNumber, certificates.Certificate.NotAfter.ToUniversalTime());
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!certificates.HasChanged()) continue;
                var failure = certificates.TryReload();
                if (failure is null) LogLoaded(logger, certificates.Certificate.SerialNumber, certificates.Certificate.NotAfter.ToUniversalTime());
                else LogReloadFailed(logger, failure);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using certificate {Serial}, valid until {NotAfter:o}")]
    private static partial void LogLoaded(ILogger logger, string serial, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The certificate files changed but could not be read ({Reason}); keeping the current certificate")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
