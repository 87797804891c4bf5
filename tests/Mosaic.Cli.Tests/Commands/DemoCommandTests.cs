using System.Net;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task A_system_that_is_not_running_gets_one_sentence_saying_how_to_start_it()
    {
        using var workspace = TempWorkspace.WithServices("a");
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";

        var exitCode = await workspace.RunAsync("demo", "--gateway", nobody);

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.StartsWith($"Nothing answers at {nobody}", error);
        Assert.EndsWith("start the system with ./mosaic up.", error);
    }

    [Fact]
    public async Task The_shopper_places_three_orders_and_sees_each_status_change_until_it_ends()
    {
        using var workspace = TempWorkspace.WithServices("a");
        using var gateway = new FakeGateway(available: 5);

        var exitCode = await workspace.RunAsync("demo", "--gateway", gateway.Url);

        Assert.Equal(ExitCodes.Success, exitCode);
        var placed = gateway.PlacedOrders.ToList();
        Assert.Equal(["tok_ok", "tok_declined", "tok_ok"], placed.Select(p => p.Body["paymentToken"]!.GetValue<string>()));
        // One unit each for the first two; the third asks for one more than the 4 left after the confirmed one.
        Assert.Equal([1, 1, 5], placed.Select(p => p.Body["items"]![0]!["quantity"]!.GetValue<int>()));
        Assert.All(placed, p => Assert.Equal(FakeGateway.ProductId, p.Body["items"]![0]!["productId"]!.GetValue<Guid>()));
        Assert.All(placed, p => Assert.Equal("Bearer token-1", p.Authorization));
        Assert.Equal(3, placed.Select(p => p.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).Distinct().Count());

        var output = workspace.Out.ToString();
        var changes = output.Split('\n').Where(l => l.TrimStart().StartsWith("order ", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, changes.Count); // Pending, AwaitingPayment, Confirmed; Pending, AwaitingPayment, Cancelled; Pending, Cancelled
        Assert.All(changes, c => Assert.Matches(@"\(trace trace-\d{4}\)", c));
        Assert.Contains(changes, c => c.Contains("-> Cancelled (payment-declined)", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("-> Cancelled (out-of-stock)", StringComparison.Ordinal));
        Assert.Contains("Look at the stock before the declined order: GET", output);
        Assert.Contains("4 available, back to what it was: the declined order's reservation was released", output);

        var summary = output.Split('\n').SkipWhile(l => !l.Contains("time to terminal", StringComparison.Ordinal)).ToList();
        Assert.Contains(summary, l => l.Contains("paid with tok_ok", StringComparison.Ordinal) && l.Contains("Confirmed", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.Contains("paid with tok_declined", StringComparison.Ordinal) && l.Contains("payment-declined", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.Contains("5 of 4 available", StringComparison.Ordinal) && l.Contains("out-of-stock", StringComparison.Ordinal));
        Assert.Contains("The shopper journey went through.", output);
        Assert.Equal(4, gateway.Available);
    }

    [Fact]
    public async Task An_order_that_never_ends_stops_the_demo_after_the_bound_and_says_where_to_look()
    {
        using var workspace = TempWorkspace.WithServices("a");
        // The payment never answers, and nothing times it out.
        using var gateway = new FakeGateway(available: 5, (_, _, _) => [new("AwaitingPayment")]);

        var exitCode = await workspace.RunAsync("demo", "--gateway", gateway.Url, "--order-timeout", "1");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Single(gateway.PlacedOrders); // no point placing more into a stuck process
        var output = workspace.Out.ToString();
        Assert.Contains("still AwaitingPayment", output);
        Assert.Contains("not within 1 s", output);
        var error = workspace.Error.ToString().Trim();
        Assert.Matches(@"^Order [0-9a-f-]{36} \(paid with tok_ok\) is still AwaitingPayment after 1 s: .*\./mosaic bus stats", error);
        Assert.DoesNotContain("went through", output);
    }

    [Fact]
    public async Task A_declined_order_whose_stock_never_comes_back_fails_the_demo()
    {
        using var workspace = TempWorkspace.WithServices("a");
        using var gateway = new FakeGateway(available: 5) { ReleasesStock = false };

        var exitCode = await workspace.RunAsync("demo", "--gateway", gateway.Url, "--order-timeout", "1");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("3 available, not yet back to 4", workspace.Out.ToString());
        Assert.Contains("still has 3 available 1 s after the declined order was cancelled, not the 4 it had before", workspace.Error.ToString());
    }

    [Fact]
    public async Task An_order_that_ends_otherwise_than_expected_fails_the_demo_with_the_order_id()
    {
        using var workspace = TempWorkspace.WithServices("a");
        // Every payment times out, even the good card's.
        using var gateway = new FakeGateway(available: 5, (token, quantity, available) => quantity > available
            ? [new("Cancelled", "out-of-stock")]
            : [new("AwaitingPayment"), new("Cancelled", "payment-timeout")]);

        var exitCode = await workspace.RunAsync("demo", "--gateway", gateway.Url);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal(3, gateway.PlacedOrders.Count);
        var error = workspace.Error.ToString().Trim();
        Assert.Matches(@"Order [0-9a-f-]{36} \(paid with tok_ok\) ended Cancelled \(payment-timeout\) instead of Confirmed", error);
        Assert.Matches(@"Order [0-9a-f-]{36} \(paid with tok_declined\) ended Cancelled \(payment-timeout\) instead of Cancelled \(payment-declined\)", error);
    }

    [Fact]
    public async Task An_order_the_gateway_refuses_fails_its_step_with_the_answer_and_trace_id()
    {
        using var workspace = TempWorkspace.WithServices("a");
        using var gateway = new FakeGateway(available: 5) { PlaceOrderAnswer = HttpStatusCode.ServiceUnavailable };

        var exitCode = await workspace.RunAsync("demo", "--gateway", gateway.Url);

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.Matches(@"^Step \d+ \(Place an order, paid with tok_ok\) expected 202 but the gateway answered 503 ServiceUnavailable: Catalog unavailable Retry with the same Idempotency-Key\. \(find it in the logs by trace trace-\d{4}\)\.$", error);
    }
}
