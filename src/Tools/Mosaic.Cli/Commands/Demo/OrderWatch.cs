namespace Mosaic.Cli.Commands.Demo;

/// <summary>How long the demo follows one order (or waits for stock to come back), and how often it looks.</summary>
public sealed record OrderWatch(TimeSpan Bound, TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(30);

    // Often enough to see the short-lived AwaitingPayment in most runs; the order's history fills in any step missed.
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(200);

    public static OrderWatch For(TimeSpan bound) => new(bound, DefaultPollInterval);
}
