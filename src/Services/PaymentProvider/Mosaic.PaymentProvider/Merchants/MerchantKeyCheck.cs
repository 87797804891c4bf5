using Microsoft.Extensions.Options;

namespace Mosaic.PaymentProvider.Merchants;

/// <summary>
/// Charging and refunding take a merchant key, as at a real card processor; a request without the
/// current key gets a 401 that says which header is missing or wrong, never what the key is.
/// </summary>
internal sealed partial class MerchantKeyCheck(IOptionsMonitor<MerchantKeyOptions> options, ILogger<MerchantKeyCheck> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (options.CurrentValue.ApiKey?.Matches(presented) == true) return await next(context);

        LogRefused(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, presented is null ? "no merchant key" : "a wrong merchant key");
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            title: "Unauthorized",
            detail: "Charging and refunding need the merchant key as 'Authorization: Bearer KEY'.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
