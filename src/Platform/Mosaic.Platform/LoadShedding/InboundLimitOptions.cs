using System.ComponentModel.DataAnnotations;

namespace Mosaic.Platform.LoadShedding;

/// <summary>
/// How many API requests an instance works on at once before it sheds load (<c>Mosaic:LoadShedding</c>).
/// Beyond <see cref="MaxConcurrentRequests"/> a request waits in a queue of at most <see cref="QueueLimit"/>
/// for at most <see cref="QueueTimeout"/>; past either it is answered at once with 503 and
/// <c>Retry-After</c>, so an overloaded instance keeps serving what it can instead of letting every
/// request wait until all of them time out.
/// </summary>
public sealed class InboundLimitOptions
{
    public const string Section = "Mosaic:LoadShedding";

    public bool Enabled { get; set; } = true;

    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 128;

    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 256;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
