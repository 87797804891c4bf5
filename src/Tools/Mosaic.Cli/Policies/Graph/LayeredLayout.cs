namespace Mosaic.Cli.Policies.Graph;

/// <summary>
/// A small layered (Sugiyama-style) layout. Services sit in rows by dependency order: a caller above what it
/// calls, its row decided by the longest chain of calls above it; events do not move services. Between two
/// rows of services runs a row of labels: every arrow passes through a place of its own there, reserved for its
/// label, and an arrow that spans several rows passes through a place in each row it crosses, so no arrow
/// crosses a box and no label covers another. Within a row, places are ordered by the average place of their
/// neighbours, sweeping down and up, so arrows cross less.
/// </summary>
public static class LayeredLayout
{
    public const double NodeHeight = 44;
    public const double Margin = 40;
    public const double LabelLineHeight = 13;
    private const double RowGap = 26;
    private const double PlaceGap = 28;
    private const double NodeCharacterWidth = 8.5;
    private const double LabelCharacterWidth = 6.4;
    private const double PassingWidth = 12;
    private const int Sweeps = 6;
    private const int Straightening = 8;
    private const double SideBySideOffset = 12;

    public static GraphLayout Place(DependencyGraph graph)
    {
        var bundles = EdgeBundle.Of(graph);
        var rank = ServiceRanks(graph);
        var places = graph.Nodes.Select((n, i) => new Spot(n, rank[n], i, Math.Max(110, NodeLabel(n).Length * NodeCharacterWidth + 28), NodeHeight)).ToList();
        var byName = places.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var chains = bundles.Select(bundle => Chain(bundle, byName, places)).ToList();
        var rows = places.GroupBy(p => p.Rank).OrderBy(g => g.Key).Select(g => g.OrderBy(p => p.Order).ToList()).ToList();
        var neighbours = Neighbours(chains);
        Order(rows, neighbours);
        var (width, height) = Position(rows, neighbours);
        var boxes = graph.Nodes.Select(n => byName[n]).Select(p => new NodeBox(p.Name, p.X, p.Y, p.Width, p.Height)).ToList();
        var routes = bundles.Select((bundle, i) => Route(bundle, chains[i], boxes.First(b => b.Name == bundle.From), boxes.First(b => b.Name == bundle.To))).ToList();
        return new GraphLayout(boxes, routes, width, height);
    }

    /// <summary>What a node's box says.</summary>
    public static string NodeLabel(string node) => node == PolicySource.Operator ? $"{node} (operator)" : node;

    /// <summary>Even ranks for services (0, 2, 4...), leaving the odd ranks between them for labels.</summary>
    private static Dictionary<string, int> ServiceRanks(DependencyGraph graph)
    {
        var calls = graph.Edges.Where(e => e.Kind == EdgeKind.Call && e.From != e.To).ToList();
        var layer = graph.Nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        // Longest path by relaxation; bounded by the node count so a cycle of calls cannot loop forever.
        for (var round = 0; round < graph.Nodes.Count; round++)
        {
            var changed = false;
            foreach (var call in calls.Where(c => layer[c.To] < layer[c.From] + 1 && layer[c.From] + 1 < graph.Nodes.Count))
            {
                layer[call.To] = layer[call.From] + 1;
                changed = true;
            }
            if (!changed) break;
        }
        return layer.ToDictionary(p => p.Key, p => p.Value * 2, StringComparer.Ordinal);
    }

    /// <summary>The places an arrow passes through, source to target: its label's place first, then one per row it crosses.</summary>
    private static List<Spot> Chain(EdgeBundle bundle, Dictionary<string, Spot> byName, List<Spot> places)
    {
        var from = byName[bundle.From];
        var to = byName[bundle.To];
        var labelWidth = bundle.Labels.Max(l => l.Length) * LabelCharacterWidth + 10;
        var labelHeight = bundle.Labels.Count * LabelLineHeight + 4;
        var chain = new List<Spot> { from };
        if (from.Rank == to.Rank)
        {
            // Side by side: the arrow bends through the label row above them (below, in the first row).
            chain.Add(new Spot(null, from.Rank == 0 ? 1 : from.Rank - 1, from.Order, labelWidth, labelHeight));
        }
        else
        {
            var step = Math.Sign(to.Rank - from.Rank);
            for (var rank = from.Rank + step; rank != to.Rank; rank += step)
                chain.Add(chain.Count == 1
                    ? new Spot(null, rank, from.Order, labelWidth, labelHeight)
                    : new Spot(null, rank, from.Order, PassingWidth, 0));
        }
        places.AddRange(chain.Skip(1));
        chain.Add(to);
        return chain;
    }

    /// <summary>For every spot, the spots the arrows through it come from and go to.</summary>
    private static Dictionary<Spot, List<Spot>> Neighbours(List<List<Spot>> chains)
    {
        var neighbours = new Dictionary<Spot, List<Spot>>(ReferenceEqualityComparer.Instance);
        foreach (var chain in chains)
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                Of(neighbours, chain[i]).Add(chain[i + 1]);
                Of(neighbours, chain[i + 1]).Add(chain[i]);
            }
        return neighbours;
    }

    private static List<Spot> Of(Dictionary<Spot, List<Spot>> neighbours, Spot spot) =>
        neighbours.TryGetValue(spot, out var list) ? list : neighbours[spot] = [];

    private static void Order(List<List<Spot>> rows, Dictionary<Spot, List<Spot>> neighbours)
    {
        Renumber(rows);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var down = sweep % 2 == 0;
            foreach (var row in down ? rows.Skip(1) : Enumerable.Reverse(rows).Skip(1))
            {
                var wanted = row.First().Rank + (down ? -1 : 1);
                foreach (var place in row)
                {
                    var fixedOnes = Of(neighbours, place).Where(n => n.Rank == wanted).ToList();
                    if (fixedOnes.Count > 0) place.Order = fixedOnes.Average(n => n.Order);
                }
                row.Sort((a, b) => a.Order.CompareTo(b.Order));
                for (var i = 0; i < row.Count; i++) row[i].Order = i;
            }
        }
    }

    private static void Renumber(List<List<Spot>> rows)
    {
        foreach (var row in rows)
        {
            row.Sort((a, b) => a.Order.CompareTo(b.Order));
            for (var i = 0; i < row.Count; i++) row[i].Order = i;
        }
    }

    /// <summary>
    /// Rows top to bottom. Each spot is first packed in its row, then drawn a few times towards the average place of
    /// its neighbours (keeping its row's order and gaps), so arrows run as straight as they can. Returns the picture's size.
    /// </summary>
    private static (double Width, double Height) Position(List<List<Spot>> rows, Dictionary<Spot, List<Spot>> neighbours)
    {
        var y = Margin;
        foreach (var row in rows)
        {
            var height = row.Max(p => p.Height);
            var x = 0.0;
            foreach (var spot in row)
            {
                spot.X = x + spot.Width / 2;
                spot.Y = y + height / 2;
                x += spot.Width + PlaceGap;
            }
            y += height + RowGap;
        }
        for (var round = 0; round < Straightening; round++)
            foreach (var row in rows)
            {
                var wanted = row.Select(s => Of(neighbours, s) is { Count: > 0 } near ? near.Average(n => n.X) : s.X).ToList();
                for (var i = 0; i < row.Count; i++)
                    row[i].X = i == 0 ? wanted[i] : Math.Max(wanted[i], row[i - 1].X + (row[i - 1].Width + row[i].Width) / 2 + PlaceGap);
                var shift = wanted.Select((w, i) => w - row[i].X).Average();
                foreach (var spot in row) spot.X += shift;
            }
        var all = rows.SelectMany(r => r).ToList();
        var left = all.Min(s => s.X - s.Width / 2);
        foreach (var spot in all) spot.X += Margin - left;
        return (all.Max(s => s.X + s.Width / 2) + Margin, y - RowGap + Margin);
    }

    private static EdgeRoute Route(EdgeBundle bundle, List<Spot> chain, NodeBox from, NodeBox to)
    {
        var inner = chain.Skip(1).SkipLast(1).Select(p => (p.X, p.Y)).ToList();
        if (from.Y == to.Y)
        {
            // Side by side, through the label row above or below: leave beside the box's centre and arrive on the other
            // side of it, so two arrows between the same boxes neither share an end nor hide each other's heads.
            var label = inner[0];
            var side = label.Y > from.Y ? 1 : -1;
            return new EdgeRoute(bundle,
                [(from.X - SideBySideOffset, from.Y + side * from.Height / 2), label, (to.X + SideBySideOffset, to.Y + side * to.Height / 2)],
                label);
        }
        var first = inner.Count > 0 ? inner[0] : (to.X, to.Y);
        var last = inner.Count > 0 ? inner[^1] : (from.X, from.Y);
        var points = new List<(double X, double Y)> { from.Border(first.X, first.Y) };
        points.AddRange(inner);
        points.Add(to.Border(last.X, last.Y));
        return new EdgeRoute(bundle, points, inner.Count > 0 ? inner[0] : ((from.X + to.X) / 2, (from.Y + to.Y) / 2));
    }

    /// <summary>A service's box, or (with no name) a spot an arrow passes through in a row.</summary>
    private sealed class Spot(string? name, int rank, double order, double width, double height)
    {
        public string Name { get; } = name ?? "";

        public int Rank { get; } = rank;

        public double Order { get; set; } = order;

        public double Width { get; } = width;

        public double Height { get; } = height;

        public double X { get; set; }

        public double Y { get; set; }
    }
}
