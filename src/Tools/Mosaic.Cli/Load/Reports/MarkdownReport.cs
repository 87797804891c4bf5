using System.Globalization;
using System.Text;

namespace Mosaic.Cli.Load.Reports;

/// <summary>The report as Markdown: what was offered and achieved, the latency table per endpoint, errors, orders, the knee.</summary>
public static class MarkdownReport
{
    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Totals;
        var md = new StringBuilder();
        Line(md, $"# mosaic load: {report.Scenario}");
        Line(md, "");
        Line(md, $"{report.StartedAt:yyyy-MM-dd HH:mm} UTC against {report.Gateway}, {report.DurationSeconds:0.#} s; {report.Machine}.");
        Line(md, "");
        Line(md, $"- offered {t.OfferedRate:0.#} req/s ({t.Due} due), sent {t.SentRate:0.#} req/s ({t.Sent}), achieved {t.AchievedRate:0.#} req/s ({t.Succeeded} succeeded)");
        Line(md, $"- errors {t.Failed} ({t.ErrorRate:0.###%}), of which load shed (429/503 with Retry-After) {t.Shed}; dropped starts {t.Dropped} (the generator could not keep up); unanswered at the end {t.Unfinished}");
        Line(md, $"- setup requests (admin, products, users) before the measured run: {report.SetupRequests}");
        if (report.Warmup is { } w)
            Line(md, $"- warm-up before the measured run, in none of these figures: {w.Seconds:0.#} s at {w.Rate:0.#} req/s, {w.Sent} sent, {w.Succeeded} ok, {w.Failed} errors, p99 {w.P99:0.##} ms");
        Line(md, "");
        Line(md, "Latency in ms from each request's due time (successful requests; coordinated-omission free):");
        Line(md, "");
        Line(md, "| endpoint | sent | ok | errors | p50 | p90 | p99 | p99.9 | max |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in report.Endpoints)
            Line(md, $"| {e.Name} | {e.Sent} | {e.Succeeded} | {e.Failed} | {e.Latency.P50:0.##} | {e.Latency.P90:0.##} | {e.Latency.P99:0.##} | {e.Latency.P999:0.##} | {e.Latency.Max:0.##} |");
        var l = report.Latency;
        Line(md, $"| **all** | {t.Sent} | {t.Succeeded} | {t.Failed} | {l.P50:0.##} | {l.P90:0.##} | {l.P99:0.##} | {l.P999:0.##} | {l.Max:0.##} |");
        if (report.ErrorsByKind.Count > 0)
        {
            Line(md, "");
            Line(md, "Errors by kind: " + string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key} {e.Value}")));
        }
        if (report.Orders is { } o)
        {
            Line(md, "");
            Line(md, $"Orders: {o.Accepted} accepted, {o.Confirmed} confirmed, {o.Cancelled} cancelled{(o.CancelledBy.Count > 0 ? " (" + string.Join(", ", o.CancelledBy.Select(c => $"{c.Key} {c.Value}")) + ")" : "")}, {o.NotTerminal} not terminal.");
            Line(md, $"Order completion (due time of the POST to Confirmed/Cancelled), ms: p50 {o.Completion.P50:0.#}, p90 {o.Completion.P90:0.#}, p99 {o.Completion.P99:0.#}, max {o.Completion.Max:0.#}.");
        }
        if (report.Phases.Count > 1 || report.Phases.Any(p => p.Services.Count > 0))
        {
            Line(md, "");
            Line(md, "| step | rate | achieved | errors | p50 | p99 | CPU cores and own mean latency (ms) per service |");
            Line(md, "|---:|---:|---:|---:|---:|---:|---|");
            foreach (var p in report.Phases)
            {
                var rate = p.StartRate == p.EndRate ? $"{p.StartRate:0.#}" : $"{p.StartRate:0.#}→{p.EndRate:0.#}";
                var services = string.Join(", ", p.Services.Select(s => $"{s.Service} {s.CpuCores:0.00}/{s.MeanLatencyMs:0.0}"));
                Line(md, $"| {p.Index} | {rate} | {p.AchievedRate:0.#} | {p.ErrorRate:0.###%} | {p.Latency.P50:0.##} | {p.Latency.P99:0.##} | {services} |");
            }
        }
        if (report.Knee is { } k)
        {
            Line(md, "");
            Line(md, $"Knee (objective p99 ≤ {k.SloP99Ms:0.#} ms and errors < {k.SloErrorRate:0.###%}): " +
                (k.KneeRate is { } rate ? $"{rate:0.#} req/s is the highest rate that met it" : "no step met it") +
                (k.FirstFailingRate is { } failing ? $"; {failing:0.#} req/s broke it ({k.FailedBecause})." : "; no step broke it."));
            if (k.Bottleneck is not null) Line(md, $"Bottleneck: {k.Bottleneck} — {k.BottleneckReason}");
        }
        return md.ToString();
    }

    private static void Line(StringBuilder md, FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
