using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Telemetry;
using Mosaic.Platform.ServiceClients;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Mosaic.Payments.Provider;

/// <summary>
/// The payment provider's API as payments uses it, every call through <see cref="ProviderPipeline"/>.
/// A decline is an answer, not a failure; a failure that outlasts the retries, or an open circuit,
/// is a <see cref="ProviderUnavailableException"/>; a request the provider refuses as malformed is a
/// <see cref="ProviderRejectedException"/>. The card token goes to the provider and nowhere else: it
/// is never logged.
/// </summary>
public sealed class PaymentProviderClient(
    IServiceClientFactory clients,
    ProviderPipeline pipeline,
    IOptionsMonitor<ProviderOptions> options,
    PaymentsMetrics metrics)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Charges under <paramref name="idempotencyKey"/>: the charge, succeeded or declined (a retry of a made charge returns it again).</summary>
    public async Task<ChargeResponse> ChargeAsync(ChargeRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var response = await SendAsync("charge", () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = JsonContent.Create(request, options: Json) };
                message.Headers.Add(ProviderHeaders.IdempotencyKey, idempotencyKey);
                return message;
            }, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.PaymentRequired))
                throw await RejectedAsync("charge", response, cancellationToken);
            var charge = await ReadAsync<ChargeResponse>(response, cancellationToken);
            metrics.Charged(charge.Status == ChargeStatuses.Declined ? "declined" : "succeeded");
            return charge;
        }
        catch (Exception e) when (e is ProviderUnavailableException or ProviderRejectedException)
        {
            metrics.Charged("failed");
            throw;
        }
    }

    /// <summary>The charges made under <paramref name="idempotencyKey"/> (none or one).</summary>
    public async Task<IReadOnlyList<ChargeResponse>> FindChargesAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var query = $"charges?idempotencyKey={Uri.EscapeDataString(idempotencyKey)}";
        using var response = await SendAsync("find", () => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw await RejectedAsync("find", response, cancellationToken);
        return await ReadAsync<List<ChargeResponse>>(response, cancellationToken);
    }

    /// <summary>Gives a charge's money back; refunding an already refunded charge is a no-op at the provider.</summary>
    public async Task<ChargeResponse> RefundAsync(string chargeId, CancellationToken cancellationToken)
    {
        var path = $"charges/{Uri.EscapeDataString(chargeId)}/refund";
        using var response = await SendAsync("refund", () => new HttpRequestMessage(HttpMethod.Post, path), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw await RejectedAsync("refund", response, cancellationToken);
        var charge = await ReadAsync<ChargeResponse>(response, cancellationToken);
        metrics.Refunded();
        return charge;
    }

    /// <summary>One call through the pipeline; returns any answer that is not transient, throws when none came.</summary>
    private async Task<HttpResponseMessage> SendAsync(string operation, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var service = settings.Service;
        using var client = clients.CreateClient(service);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.Pipeline.ExecuteAsync(async attemptToken =>
            {
                // A request message can be sent once: each attempt gets its own.
                using var message = request();
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey?.Reveal());
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var answer = await client.SendAsync(message, attemptToken);
                    metrics.ProviderCall(operation, ((int)answer.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
                    return answer;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    metrics.ProviderCall(operation, "timeout", Stopwatch.GetElapsedTime(started));
                    throw;
                }
                catch (HttpRequestException)
                {
                    metrics.ProviderCall(operation, "error", Stopwatch.GetElapsedTime(started));
                    throw;
                }
            }, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new ProviderUnavailableException(
                $"The payment provider's circuit is open after repeated failures: not calling it for now (up to {settings.BreakerBreakDuration.TotalSeconds:0.#} s).", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new ProviderUnavailableException(
                $"The payment provider did not answer {operation} within {settings.AttemptTimeout.TotalSeconds:0.###} s, {settings.MaxAttempts} time(s).", e);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderUnavailableException($"The payment provider could not be reached for {operation}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException($"The payment provider did not answer {operation} in time.", e);
        }

        if (!ProviderPipeline.IsTransient(response.StatusCode)) return response;
        var status = (int)response.StatusCode;
        response.Dispose();
        throw new ProviderUnavailableException($"The payment provider answered {operation} with {status}, {settings.MaxAttempts} time(s).");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ProviderRejectedException($"The payment provider answered {(int)response.StatusCode} with an empty body.");

    private static async Task<ProviderRejectedException> RejectedAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body.Length <= 500 ? body : body[..500];
        return new ProviderRejectedException(
            $"The payment provider refused {operation} with {(int)response.StatusCode}: {detail}", response.StatusCode);
    }
}
