using System.Globalization;
using System.Net;
using System.Text;

namespace Mosaic.Cli.Load.Reports;

/// <summary>The report as one self-contained HTML page: latency over time, rate over time, and latency against load, as inline SVG.</summary>
public static class HtmlReport
{
    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = report.Seconds.Where(s => s.Sent > 0 || s.OfferedRate > 0).ToList();
        var overTime = new SvgChart("Latency over time (from each request's due time)", "second of the run", "ms")
            .Line("p50", "#1f77b4", seconds.Select(s => ((double)s.Second, s.P50)))
            .Line("p99", "#d62728", seconds.Select(s => ((double)s.Second, s.P99)))
            .Dots("max", "#999", seconds.Select(s => ((double)s.Second, s.Max)));
        var rates = new SvgChart("Rate over time", "second of the run", "requests/s")
            .Line("offered", "#7f7f7f", seconds.Select(s => ((double)s.Second, s.OfferedRate)))
            .Line("succeeded", "#2ca02c", seconds.Select(s => ((double)s.Second, (double)s.Succeeded)))
            .Line("failed", "#d62728", seconds.Select(s => ((double)s.Second, (double)s.Failed)));
        // Against load: each phase when there are several (a knee search), else each second.
        var againstLoad = new SvgChart("Latency against load", "achieved requests/s", "ms");
        if (report.Phases.Count > 1)
        {
            againstLoad.Line("p99 per step", "#d62728", report.Phases.Select(p => (p.AchievedRate, p.Latency.P99)))
                .Line("p50 per step", "#1f77b4", report.Phases.Select(p => (p.AchievedRate, p.Latency.P50)));
        }
        else
        {
            againstLoad.Dots("p99 per second", "#d62728", seconds.Select(s => ((double)s.Succeeded, s.P99)))
                .Dots("p50 per second", "#1f77b4", seconds.Select(s => ((double)s.Succeeded, s.P50)));
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>mosaic load: ")
            .Append(WebUtility.HtmlEncode(report.Scenario))
            .Append("</title><style>body{font-family:sans-serif;margin:24px;max-width:820px}pre{background:#f6f6f6;padding:12px;overflow-x:auto}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>mosaic load: {WebUtility.HtmlEncode(report.Scenario)}</h1>");
        html.Append(overTime.Render()).Append(rates.Render()).Append(againstLoad.Render());
        html.Append("<pre>").Append(WebUtility.HtmlEncode(MarkdownReport.Render(report))).Append("</pre></body></html>\n");
        return html.ToString();
    }
}
