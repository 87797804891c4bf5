namespace Mosaic.Cli.Load.Scheduling;

/// <summary>
/// When each request of a run is due: phases of constant or ramped arrival rate, one after the other.
/// Arrival n (counted from 0) is due at the moment the cumulative arrivals reach n + 1, so a constant
/// 200/s sends its first request at 5 ms and its 200th at exactly one second.
/// </summary>
public sealed class RateProfile
{
    private readonly RatePhase[] _phases;
    private readonly double[] _arrivalsBefore;
    private readonly TimeSpan[] _startOf;

    public RateProfile(IReadOnlyList<RatePhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) throw new ArgumentException("A profile needs at least one phase.", nameof(phases));
        _phases = [.. phases];
        _arrivalsBefore = new double[_phases.Length];
        _startOf = new TimeSpan[_phases.Length];
        double arrivals = 0;
        var start = TimeSpan.Zero;
        for (var i = 0; i < _phases.Length; i++)
        {
            _arrivalsBefore[i] = arrivals;
            _startOf[i] = start;
            arrivals += _phases[i].TotalArrivals;
            start += _phases[i].Duration;
        }
        TotalArrivals = (long)Math.Floor(arrivals + 1e-9);
        Duration = start;
    }

    public static RateProfile Constant(double rate, TimeSpan duration) => new([RatePhase.Constant(rate, duration)]);

    public IReadOnlyList<RatePhase> Phases => _phases;

    public TimeSpan Duration { get; }

    /// <summary>How many requests the whole run is due to start.</summary>
    public long TotalArrivals { get; }

    /// <summary>Arrivals due from the start of the run up to <paramref name="elapsed"/>.</summary>
    public double ArrivalsBy(TimeSpan elapsed)
    {
        var i = PhaseAt(elapsed);
        return _arrivalsBefore[i] + _phases[i].ArrivalsWithin(elapsed - _startOf[i]);
    }

    /// <summary>The rate the profile asks for at <paramref name="elapsed"/>.</summary>
    public double RateAt(TimeSpan elapsed)
    {
        var i = PhaseAt(elapsed);
        var phase = _phases[i];
        var fraction = phase.Duration == TimeSpan.Zero ? 0 : Math.Clamp((elapsed - _startOf[i]) / phase.Duration, 0, 1);
        return phase.StartRate + (phase.EndRate - phase.StartRate) * fraction;
    }

    /// <summary>When arrival <paramref name="sequence"/> (from 0) is due, from the start of the run.</summary>
    public TimeSpan DueTime(long sequence)
    {
        var target = sequence + 1;
        // ArrivalsBy only grows, so a bisection on time finds the moment it reaches the target; 60 halvings are below a tick.
        double low = 0, high = Duration.TotalSeconds;
        for (var step = 0; step < 60 && high - low > 1e-7; step++)
        {
            var middle = (low + high) / 2;
            if (ArrivalsBy(TimeSpan.FromSeconds(middle)) >= target - 1e-9) high = middle;
            else low = middle;
        }
        return TimeSpan.FromSeconds(high);
    }

    /// <summary>The index of the phase that <paramref name="elapsed"/> falls in (the last one past the end).</summary>
    public int PhaseAt(TimeSpan elapsed)
    {
        for (var i = _phases.Length - 1; i > 0; i--)
            if (elapsed >= _startOf[i]) return i;
        return 0;
    }

    public TimeSpan StartOf(int phase) => _startOf[phase];
}
