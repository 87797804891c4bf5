using System.Globalization;
using System.Net;
using System.Text;

namespace Mosaic.Cli.Load.Reports;

/// <summary>A small line/point chart as inline SVG: axes with a few ticks, one polyline (or dots) per series, a legend.</summary>
public sealed class SvgChart(string title, string xLabel, string yLabel)
{
    private const int Width = 760, Height = 320, Left = 64, Right = 16, Top = 36, Bottom = 48;
    private readonly List<(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points, bool Dots)> _series = [];

    public SvgChart Line(string name, string colour, IEnumerable<(double X, double Y)> points)
    {
        _series.Add((name, colour, points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList(), false));
        return this;
    }

    public SvgChart Dots(string name, string colour, IEnumerable<(double X, double Y)> points)
    {
        _series.Add((name, colour, points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList(), true));
        return this;
    }

    public string Render()
    {
        var points = _series.SelectMany(s => s.Points).ToList();
        var maxX = Nice(points.Count == 0 ? 1 : points.Max(p => p.X));
        var maxY = Nice(points.Count == 0 ? 1 : points.Max(p => p.Y));
        double X(double x) => Left + x / maxX * (Width - Left - Right);
        double Y(double y) => Height - Bottom - y / maxY * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var yValue = maxY * i / 4;
            var xValue = maxX * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(yValue))}\" y2=\"{F(Y(yValue))}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Y(yValue) + 4)}\" text-anchor=\"end\">{Label(yValue)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(xValue))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Label(xValue)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Escape(yLabel)}</text>");

        var legendX = Width - Right - 8;
        for (var s = 0; s < _series.Count; s++)
        {
            var (name, colour, series, dots) = _series[s];
            if (dots)
            {
                foreach (var (x, y) in series)
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(x))}\" cy=\"{F(Y(y))}\" r=\"3\" fill=\"{colour}\"/>");
            }
            else if (series.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"");
                svg.AppendJoin(' ', series.Select(p => $"{F(X(p.X))},{F(Y(p.Y))}"));
                svg.Append("\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX}\" y=\"{Top + 4 + s * 14}\" text-anchor=\"end\" fill=\"{colour}\">{Escape(name)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten at or above the value, so the axis ends on a round number.</summary>
    internal static double Nice(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * power >= value) return step * power;
        return 10 * power;
    }

    private static string Label(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
