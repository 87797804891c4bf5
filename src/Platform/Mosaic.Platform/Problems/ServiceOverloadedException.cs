namespace Mosaic.Platform.Problems;

/// <summary>
/// Thrown when a service sheds work it cannot take on right now. The caller gets a 503 with
/// <c>Retry-After</c> instead of waiting in a queue that only grows.
/// </summary>
public sealed class ServiceOverloadedException : Exception
{
    public ServiceOverloadedException(string message, TimeSpan retryAfter) : base(message) => RetryAfter = retryAfter;

    public ServiceOverloadedException() : this("The service is busy; try again shortly.", TimeSpan.FromSeconds(1)) { }

    public ServiceOverloadedException(string message) : this(message, TimeSpan.FromSeconds(1)) { }

    public ServiceOverloadedException(string message, Exception inner) : base(message, inner) => RetryAfter = TimeSpan.FromSeconds(1);

    public TimeSpan RetryAfter { get; }
}
