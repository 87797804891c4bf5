using System.ComponentModel.DataAnnotations;

namespace Mosaic.Platform.Hosting;

/// <summary>
/// Who this process is and where it lives. <c>mosaic up</c> sets these as <c>Mosaic__*</c>
/// environment variables; ports default to the manifest's entry for this instance.
/// </summary>
public sealed class MosaicOptions
{
    public const string Section = "Mosaic";

    [Required, RegularExpression("^[a-z][a-z0-9-]*$")]
    public string Service { get; set; } = "";

    [Range(0, 100)]
    public int Instance { get; set; }

    [Required, RegularExpression("^[a-z][a-z0-9-]*$")]
    public string Environment { get; set; } = "dev";

    /// <summary>Path to mosaic.yaml; when empty the platform looks upward from the working folder.</summary>
    public string? Manifest { get; set; }

    /// <summary>
    /// The service's slice of its environment (values and secrets from <c>environments/</c>), rendered by
    /// <c>mosaic</c>; reloaded when it changes. Unset: the service runs on its defaults and its own settings files.
    /// </summary>
    public string? ConfigSlice { get; set; }

    /// <summary>Runtime state of this environment (databases, keys); never committed.</summary>
    [Required]
    public string StateDirectory { get; set; } = Path.Combine(".mosaic", "dev");

    /// <summary>Address the listeners bind to; loopback on a developer machine, 0.0.0.0 in a container.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int? Port { get; set; }

    [Range(0, 65535)]
    public int? ManagementPort { get; set; }

    /// <summary>Largest request body accepted before answering 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long shutdown waits for in-flight requests to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Service identity, mutual TLS and the segmentation policy.</summary>
    public SecurityOptions Security { get; set; } = new();

    public string InstanceId => $"{Service}-{Instance}";
}
