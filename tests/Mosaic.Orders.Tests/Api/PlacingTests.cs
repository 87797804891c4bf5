using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Tests.Support;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Storage;
using static Mosaic.Orders.Tests.Support.FakeCatalog;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Orders.Tests.Api;

/// <summary>POST /orders: pricing, validation, idempotency and what reaches the bus. Each test class gets its own database and bus.</summary>
public sealed class PlacingTests(OrdersFactory factory) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_is_accepted_priced_by_catalog_and_announced_on_the_bus()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();

        var response = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 2), (Grinder.Id, 1)));

        var accepted = await response.ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
        Assert.Equal(OrderStatuses.Pending, accepted.Status);
        Assert.Equal($"/orders/{accepted.Id}", response.Headers.Location?.OriginalString);

        var order = await shopper.OrderAsync(accepted.Id);
        Assert.Equal(2 * 39.95m + 89m, order.Total);
        Assert.Contains(new OrderItemResponse(Kettle.Id, 2, 39.95m, 79.90m), order.Items);
        Assert.Contains(new OrderItemResponse(Grinder.Id, 1, 89m, 89m), order.Items);
        Assert.Null(order.Reason);

        var placed = await bus.WaitForAsync<OrderPlaced>(TestBus.CatalogQueue, OrderEvents.OrderPlaced, e => e.OrderId == accepted.Id);
        Assert.Equal(shopper.Id, placed.CustomerId);
        Assert.Equal(16890, placed.TotalCents);
        Assert.Equal(
            [new OrderLine(Kettle.Id, 2, 3995), new OrderLine(Grinder.Id, 1, 8900)],
            placed.Lines.OrderBy(l => l.ProductId));
    }

    [Fact]
    public async Task Stock_is_not_checked_here_catalog_decides_later()
    {
        var shopper = factory.NewShopper();

        var response = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Beans.Id, 100)));

        var accepted = await response.ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
        Assert.Equal(OrderStatuses.Pending, (await shopper.OrderAsync(accepted.Id)).Status);
    }

    [Fact]
    public async Task Repeating_a_request_with_its_key_gives_the_same_order_and_announces_it_once()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var body = Shopper.Body("tok_ok", (Kettle.Id, 1));

        var first = await shopper.PlaceAsync(body, "order-7f3a");
        var firstBody = await first.ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
        var second = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "order-7f3a");
        var secondBody = await second.ReadJson<OrderAccepted>(HttpStatusCode.Accepted);

        Assert.Equal(firstBody, secondBody);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var page = await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>();
        Assert.Equal(1, page.TotalCount);

        await factory.WaitUntilOutboxShippedAsync();
        await bus.DrainedAsync();
        Assert.Single(bus.Received<OrderPlaced>(TestBus.CatalogQueue, OrderEvents.OrderPlaced), e => e.OrderId == firstBody.Id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_places_nothing()
    {
        var shopper = factory.NewShopper();
        await (await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "reused")).ReadJson<OrderAccepted>(HttpStatusCode.Accepted);

        var otherQuantity = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 2)), "reused");
        var otherToken = await shopper.PlaceAsync(Shopper.Body("tok_declined", (Kettle.Id, 1)), "reused");

        await otherQuantity.AssertProblem(HttpStatusCode.UnprocessableEntity);
        await otherToken.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, (await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);
    }

    [Fact]
    public async Task Keys_belong_to_one_customer_another_may_use_the_same_key()
    {
        var alice = factory.NewShopper();
        var bob = factory.NewShopper();

        var hers = await (await alice.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "my-first-order")).ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
        var his = await (await bob.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "my-first-order")).ReadJson<OrderAccepted>(HttpStatusCode.Accepted);

        Assert.NotEqual(hers.Id, his.Id);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_order()
    {
        var shopper = factory.NewShopper();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shopper.PlaceAsync(Shopper.Body("tok_ok", (Grinder.Id, 1)), "double-click")));

        var accepted = new List<OrderAccepted>();
        foreach (var response in responses) accepted.Add(await response.ReadJson<OrderAccepted>(HttpStatusCode.Accepted));
        Assert.Single(accepted.Select(a => a.Id).Distinct());
        Assert.Equal(1, (await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);
        var key = await factory.QueryAsync(db => db.IdempotencyRecords.SingleAsync(r => r.CustomerId == shopper.Id, Cancel));
        Assert.DoesNotContain("tok_ok", key.RequestFingerprint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünicode")]
    public async Task A_missing_or_malformed_idempotency_key_is_a_400_naming_the_header(string? key)
    {
        var shopper = factory.NewShopper();
        using var request = Json(HttpMethod.Post, "/orders", Shopper.Body("tok_ok", (Kettle.Id, 1)), shopper.Token);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await shopper.Client.SendAsync(request, Cancel);

        await response.AssertInvalidField("Idempotency-Key");
    }

    [Fact]
    public async Task An_idempotency_key_over_100_characters_is_a_400()
    {
        var shopper = factory.NewShopper();

        await (await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), new string('k', 101))).AssertInvalidField("Idempotency-Key");
        await (await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), new string('k', 100))).ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"paymentToken":"tok_ok"}""", "items" },
        { """{"items":[],"paymentToken":"tok_ok"}""", "items" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":0}],"paymentToken":"tok_ok"}""", "items[0].quantity" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":1},{"productId":"{{Beans.Id}}","quantity":101}],"paymentToken":"tok_ok"}""", "items[1].quantity" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}"}],"paymentToken":"tok_ok"}""", "items[0].quantity" },
        { """{"items":[{"quantity":1}],"paymentToken":"tok_ok"}""", "items[0].productId" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":1},{"productId":"{{Kettle.Id}}","quantity":2}],"paymentToken":"tok_ok"}""", "items[1].productId" },
        { """{"items":[null],"paymentToken":"tok_ok"}""", "items[0]" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":1}]}""", "paymentToken" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":1}],"paymentToken":""}""", "paymentToken" },
        { $$"""{"items":[{"productId":"{{Kettle.Id}}","quantity":1}],"paymentToken":"{{new string('t', 101)}}"}""", "paymentToken" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_requests_are_400s_naming_the_field_and_place_nothing(string json, string field)
    {
        var shopper = factory.NewShopper();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        }.WithBearer(shopper.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await shopper.Client.SendAsync(request, Cancel);

        await response.AssertInvalidField(field);
        Assert.Equal(0, (await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);
    }

    [Fact]
    public async Task More_than_50_lines_is_a_400_naming_items()
    {
        var shopper = factory.NewShopper();
        var lines = Enumerable.Range(0, 51).Select(_ => (Guid.NewGuid(), 1)).ToArray();

        await (await shopper.PlaceAsync(Shopper.Body("tok_ok", lines))).AssertInvalidField("items");
    }

    [Fact]
    public async Task A_product_catalog_does_not_know_is_a_400_naming_its_line()
    {
        var shopper = factory.NewShopper();

        var response = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1), (Guid.NewGuid(), 1)));

        await response.AssertInvalidField("items[1].productId");
        Assert.Equal(0, (await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);
    }

    [Fact]
    public async Task Catalog_failing_is_a_503_with_retry_after_and_a_retry_with_the_same_key_then_succeeds()
    {
        var shopper = factory.NewShopper();
        factory.Catalog.Failing = true;
        HttpResponseMessage failed;
        try
        {
            failed = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "retry-me");
        }
        finally
        {
            factory.Catalog.Failing = false;
        }

        await failed.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(0, (await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);

        var retried = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)), "retry-me");
        await retried.ReadJson<OrderAccepted>(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Placing_needs_an_access_token()
    {
        using var request = Json(HttpMethod.Post, "/orders", Shopper.Body("tok_ok", (Kettle.Id, 1)));
        request.Headers.Add("Idempotency-Key", "anonymous");

        var response = await factory.CreateClient().SendAsync(request, Cancel);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Catalog not running at all: no instance accepts the connection.</summary>
public sealed class CatalogDownTests(CatalogDownFactory factory) : IClassFixture<CatalogDownFactory>
{
    [Fact]
    public async Task Catalog_unreachable_is_a_503_with_retry_after_never_a_500()
    {
        var shopper = factory.NewShopper();

        var response = await shopper.PlaceAsync(Shopper.Body("tok_ok", (Kettle.Id, 1)));

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("catalog", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>With the relay held back, what POST /orders committed can be read from the outbox.</summary>
public sealed class OutboxTests(OutboxHeldFactory factory) : IClassFixture<OutboxHeldFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_order_and_its_OrderPlaced_are_committed_together_and_a_repeat_adds_no_event()
    {
        var shopper = factory.NewShopper();
        var body = Shopper.Body("tok_ok", (Kettle.Id, 3));

        var id = (await (await shopper.PlaceAsync(body, "outbox-check")).ReadJson<OrderAccepted>(HttpStatusCode.Accepted)).Id;
        await (await shopper.PlaceAsync(body, "outbox-check")).ReadJson<OrderAccepted>(HttpStatusCode.Accepted);

        var rows = await factory.QueryAsync(db => db.Set<OutboxMessage>().ToListAsync(Cancel));
        var row = Assert.Single(rows);
        Assert.Equal(OrderEvents.OrderPlaced, row.RoutingKey);
        var envelope = JsonSerializer.Deserialize<EventEnvelope>(row.Envelope, MessagingJson.Options)!;
        Assert.Equal("orders", envelope.Source);
        var placed = envelope.Data.Deserialize<OrderPlaced>(MessagingJson.Options)!;
        Assert.Equal(new OrderLine(Kettle.Id, 3, 3995), Assert.Single(placed.Lines));
        Assert.Equal((id, shopper.Id, 11985L), (placed.OrderId, placed.CustomerId, placed.TotalCents));
    }
}
