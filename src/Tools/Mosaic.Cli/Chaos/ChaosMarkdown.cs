using System.Globalization;
using System.Text;

namespace Mosaic.Cli.Chaos;

/// <summary>The chaos report as Markdown: hypothesis, timeline, latency, recovery, errors during the fault, and each invariant's verdict.</summary>
public static class ChaosMarkdown
{
    public static string Render(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var l = report.Load;
        Add(md, $"# mosaic chaos: {report.Experiment}");
        Add(md, "");
        Add(md, $"Hypothesis: {report.Hypothesis}");
        Add(md, "");
        foreach (var action in report.Actions) Add(md, $"- at {action.AtSecond:0.0} s: {action.What}");
        Add(md, "");
        Add(md, $"Load: {l.Totals.OfferedRate:0.#} req/s offered for {l.DurationSeconds:0.#} s, {l.Totals.Succeeded} succeeded, {l.Totals.Failed} failed ({l.Totals.ErrorRate:0.###%}), {l.Totals.Dropped} dropped starts.");
        Add(md, $"Latency (ms, from due time): p50 {l.Latency.P50:0.##}, p90 {l.Latency.P90:0.##}, p99 {l.Latency.P99:0.##}, p99.9 {l.Latency.P999:0.##}, max {l.Latency.Max:0.##}.");
        Add(md, $"Recovery: {report.Recovery.Describe()}.");
        Add(md, report.ErrorsDuringFault.Count == 0
            ? "Errors from the fault until recovery: none."
            : $"Errors from the fault until recovery: {report.Recovery.ErrorsUntilRecovered} of {report.Recovery.SentUntilRecovered} sent ({string.Join(", ", report.ErrorsDuringFault.Select(e => $"{e.Key} {e.Value}"))}).");
        if (l.Orders is { } o)
            Add(md, $"Order completion (ms): p50 {o.Completion.P50:0.#}, p99 {o.Completion.P99:0.#}, max {o.Completion.Max:0.#}.");
        Add(md, "");
        Add(md, "Invariants:");
        foreach (var invariant in report.Invariants)
            Add(md, $"- {(invariant.Held ? "HELD" : "BROKEN")}: {invariant.Name} — {invariant.Detail}");
        Add(md, "");
        Add(md, report.InvariantsHeld ? "Every invariant held." : "Some invariant did not hold.");
        return md.ToString();
    }

    private static void Add(StringBuilder md, FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Add(StringBuilder md, string text) => md.Append(text).Append('\n');
}
