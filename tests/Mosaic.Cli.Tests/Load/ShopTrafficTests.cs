using System.Diagnostics;
using System.Net;
using System.Text;
using Mosaic.Cli.Load;
using Mosaic.Cli.Load.Reports;
using Mosaic.Cli.Load.Scenarios;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.Load.Shop;

namespace Mosaic.Cli.Tests.Load;

public class ShopTrafficTests
{
    /// <summary>A gateway stand-in: accepts orders, answers order reads, and sheds every fifth browse with 503 + Retry-After.</summary>
    private sealed class FakeGateway : HttpMessageHandler
    {
        private int _browses;
        public List<(string Method, string Path, string? Authorization, string? IdempotencyKey)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            lock (Seen) Seen.Add((request.Method.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.Parameter,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path == "/api/orders")
                return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent($"{{\"id\":\"{Guid.NewGuid()}\",\"status\":\"Pending\"}}", Encoding.UTF8, "application/json") };
            if (path == "/api/catalog/products" && Interlocked.Increment(ref _browses) % 5 == 0)
            {
                var shed = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
                shed.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return shed;
            }
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }

    [Fact]
    public async Task Every_due_request_is_sent_recorded_and_reported_once()
    {
        var gateway = new FakeGateway();
        using var http = new HttpClient(gateway);
        var users = Enumerable.Range(1, 3).Select(i => new ShopUser($"u{i}@example.com", $"token-{i}")).ToList();
        var fixture = new ShopFixture(new Uri("http://gateway.test"), users, [Guid.NewGuid(), Guid.NewGuid()], 1_000_000, 2, "admin", SetupRequests: 7);
        var session = new LoadSession(http, fixture, Scenario.ShopMix, sampler: null, maxInFlight: 1_000);

        var run = await session.RunAsync(RateProfile.Constant(200, TimeSpan.FromSeconds(1.5)), null, TestContext.Current.CancellationToken);
        var report = LoadReportBuilder.Build("shop-mix", fixture.Gateway, DateTimeOffset.UtcNow, run, fixture.SetupRequests, null, null);

        Assert.Equal(300, report.Totals.Due);
        Assert.Equal(300, report.Totals.Sent);
        Assert.Equal(gateway.Seen.Count, report.Totals.Sent);
        Assert.Equal(report.Totals.Sent, report.Totals.Succeeded + report.Totals.Failed);
        Assert.Equal(report.Totals.Sent, report.Endpoints.Sum(e => e.Sent));
        Assert.Equal(report.Totals.Sent, report.Seconds.Sum(s => s.Sent));
        foreach (var endpoint in report.Endpoints)
            Assert.Equal(gateway.Seen.Count(s => Matches(endpoint.Name, s.Method, s.Path)), endpoint.Sent);
        var browses = gateway.Seen.Count(s => Matches("browse", s.Method, s.Path));
        Assert.Equal(browses / 5, report.ErrorsByKind["http-503"]);
        Assert.Equal(browses / 5, report.Totals.Shed);
        Assert.Equal(run.PlacedOrders.Count, report.Endpoints.Single(e => e.Name == "place-order").Succeeded);
        // Every request carries a pool user's token; every order its own idempotency key.
        Assert.All(gateway.Seen, s => Assert.StartsWith("token-", s.Authorization, StringComparison.Ordinal));
        var keys = gateway.Seen.Where(s => s.Method == "POST").Select(s => s.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(7, report.SetupRequests);
    }

    [Fact]
    public async Task A_phase_check_that_says_stop_ends_the_run_after_that_phase()
    {
        using var http = new HttpClient(new FakeGateway());
        var fixture = new ShopFixture(new Uri("http://gateway.test"), [new ShopUser("u@example.com", "token-1")], [Guid.NewGuid()], 1_000_000, 1, "admin", 0);
        var session = new LoadSession(http, fixture, Scenario.ShopMix, sampler: null, maxInFlight: 1_000);
        var profile = new RateProfile([RatePhase.Constant(20, TimeSpan.FromSeconds(1)), RatePhase.Constant(40, TimeSpan.FromSeconds(1)), RatePhase.Constant(80, TimeSpan.FromSeconds(5))]);
        var asked = new List<int>();

        var run = await session.RunAsync(profile, null, TestContext.Current.CancellationToken, (_, phase) =>
        {
            asked.Add(phase);
            return phase == 0;
        });

        Assert.Equal([0, 1], asked);
        Assert.Equal(2, run.Profile.Phases.Count);
        Assert.True(run.Started < profile.TotalArrivals, $"{run.Started} of {profile.TotalArrivals} started: the run did not stop");
        Assert.False(run.Cancelled);
    }

    private static bool Matches(string endpoint, string method, string path) => endpoint switch
    {
        "browse" => method == "GET" && path.StartsWith("/api/catalog/products?", StringComparison.Ordinal),
        "product-detail" => method == "GET" && path.StartsWith("/api/catalog/products/", StringComparison.Ordinal),
        "place-order" => method == "POST",
        "order-status" => method == "GET" && path.StartsWith("/api/orders/", StringComparison.Ordinal),
        _ => false,
    };

    [Fact]
    public void The_report_renders_as_markdown_and_a_self_contained_html_page()
    {
        var recorder = new Mosaic.Cli.Load.Recording.LoadRecorder(["browse"], TimeSpan.FromSeconds(2));
        var start = Stopwatch.GetTimestamp();
        recorder.StartAt(start);
        recorder.Started(0, start);
        recorder.Completed(0, start, start + Stopwatch.Frequency / 100, Mosaic.Cli.Load.Recording.RequestOutcome.Success);
        var run = new LoadRunResult(RateProfile.Constant(1, TimeSpan.FromSeconds(2)), recorder, 2, 1, 1, 0, TimeSpan.FromSeconds(2), [], [], false);

        var report = LoadReportBuilder.Build("tiny", new Uri("http://gateway.test"), DateTimeOffset.UtcNow, run, 0, null, null);
        var markdown = MarkdownReport.Render(report);
        var html = HtmlReport.Render(report);

        Assert.Contains("| browse | 1 | 1 | 0 | 10", markdown, StringComparison.Ordinal);
        Assert.Contains("dropped starts 1", markdown, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Latency against load", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
