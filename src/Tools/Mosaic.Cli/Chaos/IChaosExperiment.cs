namespace Mosaic.Cli.Chaos;

/// <summary>
/// A fault to inject while load runs. <see cref="InjectAsync"/> starts it; <see cref="EndAsync"/> undoes
/// what the experiment itself must undo once its fault time is over (a process killed is restarted by
/// <c>mosaic up</c>, not by the experiment). Both say what they did in one line.
/// </summary>
public interface IChaosExperiment
{
    /// <summary>How the experiment is named on the command line and in the report, like <c>kill orders</c>.</summary>
    string Title { get; }

    /// <summary>What should hold while the fault is on and after, in one sentence.</summary>
    string Hypothesis { get; }

    /// <summary>False for a fault that is one moment (a kill): its duration does not apply.</summary>
    bool LastsForDuration { get; }

    Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken);

    Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken);
}
