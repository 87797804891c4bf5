using Mosaic.Orders.Contracts.Events;
using Mosaic.Payments.Api;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Payments.Data;
using Mosaic.Payments.Messaging;
using Mosaic.Payments.Provider;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("payments");
builder.AddMosaicDatabase<PaymentsDbContext>();
builder.AddMosaicAuthentication();
builder.AddPaymentProvider();
builder.AddMosaicMessaging<PaymentsDbContext>(m => m
    .Publishes<PaymentSucceeded>(PaymentEvents.PaymentSucceeded)
    .Publishes<PaymentFailed>(PaymentEvents.PaymentFailed)
    // Both call the payment provider: each message in its own transaction, so none holds the database while waiting.
    .Consumes<PaymentRequested, PaymentRequestedHandler>(OrderEvents.PaymentRequested, HandlerCommit.Alone)
    .Consumes<OrderCancelled, OrderCancelledHandler>(OrderEvents.OrderCancelled, HandlerCommit.Alone));

var app = builder.Build();
app.MapPaymentsApi();
app.Run();

public partial class Program;
