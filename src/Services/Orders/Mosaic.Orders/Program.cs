using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders;
using Mosaic.Orders.Api;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Data;
using Mosaic.Orders.Handlers;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("orders");
builder.AddMosaicDatabase<OrdersDbContext>();
builder.AddMosaicAuthentication();
builder.AddMosaicMessaging<OrdersDbContext>(m => m
    .Publishes<OrderPlaced>(OrderEvents.OrderPlaced)
    .Publishes<PaymentRequested>(OrderEvents.PaymentRequested)
    .Publishes<OrderConfirmed>(OrderEvents.OrderConfirmed)
    .Publishes<OrderCancelled>(OrderEvents.OrderCancelled)
    .Consumes<StockReserved, StockReservedHandler>(CatalogEvents.StockReserved)
    .Consumes<StockReservationFailed, StockReservationFailedHandler>(CatalogEvents.StockReservationFailed)
    .Consumes<PaymentSucceeded, PaymentSucceededHandler>(PaymentEvents.PaymentSucceeded)
    .Consumes<PaymentFailed, PaymentFailedHandler>(PaymentEvents.PaymentFailed));
builder.AddOrderProcess();

var app = builder.Build();
app.MapOrdersApi();
app.Run();

public partial class Program;
