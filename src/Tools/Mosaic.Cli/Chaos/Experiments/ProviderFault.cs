using System.Globalization;
using System.Net.Http.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>provider-outage</c>, <c>provider-latency</c>, <c>provider-errors</c>: the payment provider's admin
/// API (<c>PUT /admin/faults</c>) makes charging fail or slow for the fault's duration; <c>DELETE</c> ends it.
/// </summary>
public sealed class ProviderFault(string name, FaultSettings faults, string hypothesis) : IChaosExperiment
{
    public const string Service = "payment-provider";

    public string Title => name;

    public string Hypothesis => hypothesis;

    public bool LastsForDuration => true;

    public static ProviderFault Outage() => new("provider-outage", new FaultSettings { Outage = true },
        "While the payment provider is down, orders are still accepted; payments retry and then fail or time out, so each order ends Confirmed or Cancelled, none is charged twice, and stock reserved for cancelled orders comes back.");

    public static ProviderFault Latency(int milliseconds) => new("provider-latency", new FaultSettings { LatencyMs = milliseconds },
        string.Create(CultureInfo.InvariantCulture, $"With {milliseconds} ms added to every charge, shoppers' requests are not slowed (payment is asynchronous) and orders complete later but completely."));

    public static ProviderFault Errors(double rate) => new("provider-errors", new FaultSettings { ErrorRate = rate, ErrorAfterCharge = true },
        string.Create(CultureInfo.InvariantCulture, $"With {rate:0.##%} of charges failing after the money moved, payments' retries with the same idempotency key never charge an order twice."));

    public async Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var request = new HttpRequestMessage(HttpMethod.Put, target.Services.Address(Service, "/admin/faults")) { Content = JsonContent.Create(faults) };
        await SendAsync(target, request, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"set the provider's faults: outage {faults.Outage}, latency {faults.LatencyMs} ms, error rate {faults.ErrorRate:0.##}{(faults.ErrorAfterCharge ? " (after charging)" : "")}");
    }

    public async Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var request = new HttpRequestMessage(HttpMethod.Delete, target.Services.Address(Service, "/admin/faults"));
        await SendAsync(target, request, cancellationToken);
        return "cleared the provider's faults";
    }

    private static async Task SendAsync(ChaosTarget target, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await target.Services.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new CliException($"The payment provider's admin API answered {(int)response.StatusCode} to {request.Method} /admin/faults: check ./mosaic status.");
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"The payment provider does not answer at {request.RequestUri} ({e.Message}): check ./mosaic status.", e);
        }
    }
}
