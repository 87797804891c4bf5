using Mosaic.Catalog.Api;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Handlers;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("catalog");
builder.AddMosaicDatabase<CatalogDbContext>();
builder.AddMosaicAuthentication();
builder.AddMosaicMessaging<CatalogDbContext>(messaging => messaging
    .Publishes<StockReserved>(CatalogEvents.StockReserved)
    .Publishes<StockReservationFailed>(CatalogEvents.StockReservationFailed)
    .Consumes<OrderPlaced, OrderPlacedHandler>(OrderEvents.OrderPlaced)
    .Consumes<OrderCancelled, OrderCancelledHandler>(OrderEvents.OrderCancelled)
    .Consumes<OrderConfirmed, OrderConfirmedHandler>(OrderEvents.OrderConfirmed));

var app = builder.Build();
app.MapCatalogApi();
app.Run();

public partial class Program;
