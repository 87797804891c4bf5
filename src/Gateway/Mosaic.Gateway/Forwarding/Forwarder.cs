using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Mosaic.Gateway.Metrics;
using Mosaic.Gateway.Problems;
using Mosaic.Gateway.Routing;
using Mosaic.Platform.Policy;
using Mosaic.Platform.Policy.Enforcement;
using Mosaic.Platform.ServiceClients;

namespace Mosaic.Gateway.Forwarding;

/// <summary>
/// Sends a public request on to one instance of the route's service and streams the answer back.
/// Instances come from the platform's endpoint list in round-robin order; an instance that refuses
/// the connection is reported and the next one tried, which is safe for every method because
/// nothing was sent. The policy is checked first, on the path the service will see; connections
/// come from the platform's pool for that service, which speaks mutual TLS with the gateway's identity.
/// </summary>
internal sealed partial class Forwarder : IDisposable
{
    private readonly InternalTransport transport;
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> invokers = new(StringComparer.Ordinal);
    private readonly PolicyEnforcer? policy;
    private readonly ServiceEndpoints endpoints;
    private readonly RequestHeaderCopier requestHeaders;
    private readonly GatewayMetrics metrics;
    private readonly ILogger<Forwarder> logger;
    private readonly IOptionsMonitor<ForwardingOptions> options;
    private readonly ConcurrentDictionary<Uri, string> origins = new();

    public Forwarder(
        InternalTransport transport,
        ServiceEndpoints endpoints,
        IOptionsMonitor<ForwardingOptions> options,
        GatewayMetrics metrics,
        ILogger<Forwarder> logger,
        PolicyEnforcer? policy = null)
    {
        this.transport = transport;
        this.policy = policy;
        requestHeaders = new RequestHeaderCopier(InternalTransport.PropagatedHeaders);
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.logger = logger;
        this.options = options;
    }

    /// <summary>Forwards the request and writes the response; returns the status the caller got.</summary>
    public async Task<int> ForwardAsync(HttpContext context, GatewayRoute route)
    {
        if (policy is not null)
        {
            // Decided on the path the service will dispatch on, in its canonical spelling.
            var servicePath = CanonicalPath.Normalize(string.Concat(route.ServicePath, route.ServiceRemainder(context.Request.Path.Value ?? "/")));
            if (servicePath is null)
            {
                await GatewayProblems.NotCanonical(context);
                return StatusCodes.Status400BadRequest;
            }
            if (!policy.AllowsOutbound(route.Service, context.Request.Method, servicePath))
            {
                await GatewayProblems.Forbidden(context);
                return StatusCodes.Status403Forbidden;
            }
        }

        var invoker = InvokerFor(route.Service);
        var timeout = options.CurrentValue.Timeout;
        using var upstream = CreateRequest(context, route);
        var target = Target(context, route);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);

        HttpResponseMessage? response = null;
        try
        {
            var candidates = endpoints.Candidates(route.Service);
            for (var i = 0; i < candidates.Count && response is null; i++)
            {
                var instance = candidates[i];
                upstream.RequestUri = new Uri(string.Concat(OriginOf(instance), target), UriKind.Absolute);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    response = await invoker.SendAsync(upstream, deadline.Token);
                }
                catch (Exception e) when (IsConnectFailure(e, context))
                {
                    endpoints.ReportFailure(route.Service, instance);
                    LogInstanceUnreachable(logger, route.Service, instance, e.Message);
                    continue;
                }
                endpoints.ReportSuccess(route.Service, instance);
                metrics.UpstreamResponded(route, (int)response.StatusCode, started);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(logger, route.Service);
            return GatewayProblems.ClientClosedRequest;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogTimedOut(logger, route.Service, timeout.TotalSeconds);
            await GatewayProblems.Timeout(context, route.Service, timeout);
            return StatusCodes.Status504GatewayTimeout;
        }
        catch (HttpRequestException e) when (CallerBodyFault(e) is { } fault)
        {
            // The caller's body broke the rules on its way through (a chunked body over the limit, bad chunking).
            await (fault.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? GatewayProblems.PayloadTooLarge(context, context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
                : GatewayProblems.BadBody(context, fault.Message));
            return fault.StatusCode;
        }
        catch (HttpRequestException e)
        {
            LogUpstreamFailed(logger, e, route.Service);
            await GatewayProblems.BadGateway(context, route.Service);
            return StatusCodes.Status502BadGateway;
        }

        if (response is null)
        {
            LogNoInstance(logger, route.Service);
            await GatewayProblems.Unavailable(context, route.Service);
            return StatusCodes.Status503ServiceUnavailable;
        }

        using (response)
            return await RelayAsync(context, route, response);
    }

    private async Task<int> RelayAsync(HttpContext context, GatewayRoute route, HttpResponseMessage response)
    {
        // The service's answer goes out as it is, even an empty 4xx: no status-code page over it.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.StatusCode = (int)response.StatusCode;
        ResponseHeaderCopier.Copy(response, context.Response, route);
        var bodyIdleTimeout = options.CurrentValue.BodyIdleTimeout;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await using (body)
            {
                while (true)
                {
                    // An instance that sent its headers and then went quiet must not hold the caller forever.
                    idle.CancelAfter(bodyIdleTimeout);
                    var read = await body.ReadAsync(buffer, idle.Token);
                    if (read == 0) break;
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                }
            }
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            LogBodyStalled(logger, route.Service, bodyIdleTimeout.TotalSeconds);
            context.Abort();
            return StatusCodes.Status504GatewayTimeout;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(logger, route.Service);
            return GatewayProblems.ClientClosedRequest;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                LogClientGone(logger, route.Service);
                return GatewayProblems.ClientClosedRequest;
            }
            // The status line is already out: cutting the connection is the only honest way to say the body is incomplete.
            LogUpstreamBodyFailed(logger, e, route.Service);
            context.Abort();
            return StatusCodes.Status502BadGateway;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int BufferSize = 64 * 1024;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} stopped sending its response body for {IdleSeconds} s; the caller's connection was cut")]
    private static partial void LogBodyStalled(ILogger logger, string service, double idleSeconds);

    private HttpRequestMessage CreateRequest(HttpContext context, GatewayRoute route)
    {
        var request = new HttpRequestMessage
        {
            Method = HttpMethod.Parse(context.Request.Method),
            Version = transport.RequestVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (HasBody(context)) request.Content = new RequestBodyContent(context.Request);
        requestHeaders.Copy(context, request, route);
        return request;
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
        ?? (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0);

    /// <summary>The service path, the path after the prefix as the gateway authorized it, and the query as the caller sent it.</summary>
    private static string Target(HttpContext context, GatewayRoute route) =>
        TargetPath.Build(route.ServicePath, route.ServiceRemainder(context.Request.Path.Value ?? "/"), context.Request.QueryString.Value.AsSpan());

    private string OriginOf(Uri instance) =>
        origins.GetOrAdd(instance, static uri => uri.GetLeftPart(UriPartial.Authority));

    /// <summary>The instance never took the connection (refused, unreachable, connect timeout): nothing was sent.</summary>
    private static bool IsConnectFailure(Exception e, HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested && e switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => true,
            // The handler's ConnectTimeout surfaces as a cancellation carrying a TimeoutException.
            TaskCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };

    private static BadHttpRequestException? CallerBodyFault(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is BadHttpRequestException bad) return bad;
        return null;
    }

    /// <summary>disposeHandler: false, the pools are shared with the platform's internal client.</summary>
    private HttpMessageInvoker InvokerFor(string service) =>
        invokers.GetOrAdd(service, static (name, pools) => new HttpMessageInvoker(pools.HandlerFor(name), disposeHandler: false), transport);

    public void Dispose()
    {
        foreach (var invoker in invokers.Values) invoker.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Instance} of {Service} could not be reached; trying the next one: {Reason}")]
    private static partial void LogInstanceUnreachable(ILogger logger, string service, Uri instance, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No instance of {Service} accepted a connection")]
    private static partial void LogNoInstance(ILogger logger, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} did not answer within {TimeoutSeconds} s")]
    private static partial void LogTimedOut(ILogger logger, string service, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Service} failed")]
    private static partial void LogUpstreamFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} failed while sending its response body; the client connection was cut")]
    private static partial void LogUpstreamBodyFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client went away before {Service} had answered")]
    private static partial void LogClientGone(ILogger logger, string service);
}
