using System.ComponentModel.DataAnnotations;

namespace Mosaic.Gateway.Forwarding;

public sealed class ForwardingOptions
{
    public const string Section = "Gateway:Forwarding";

    /// <summary>How long an instance may take to start answering (response headers) before the caller gets a 504.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a response body may go without a byte from the instance before the caller's connection is cut.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
