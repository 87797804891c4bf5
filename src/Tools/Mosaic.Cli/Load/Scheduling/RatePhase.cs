namespace Mosaic.Cli.Load.Scheduling;

/// <summary>A stretch of a run: the arrival rate goes from <see cref="StartRate"/> to <see cref="EndRate"/> in a straight line (constant when they are equal).</summary>
public sealed record RatePhase(double StartRate, double EndRate, TimeSpan Duration)
{
    public static RatePhase Constant(double rate, TimeSpan duration) => new(rate, rate, duration);

    /// <summary>Arrivals due in the first <paramref name="elapsed"/> of this phase: the integral of the rate.</summary>
    public double ArrivalsWithin(TimeSpan elapsed)
    {
        var t = Math.Clamp(elapsed.TotalSeconds, 0, Duration.TotalSeconds);
        var slope = Duration.TotalSeconds == 0 ? 0 : (EndRate - StartRate) / Duration.TotalSeconds;
        return StartRate * t + slope * t * t / 2;
    }

    public double TotalArrivals => ArrivalsWithin(Duration);
}
