using System.Net;

namespace Mosaic.Payments.Provider;

/// <summary>The provider refused the request itself (a 4xx other than a decline): retrying it unchanged will not help.</summary>
public sealed class ProviderRejectedException : Exception
{
    public ProviderRejectedException() { }

    public ProviderRejectedException(string message) : base(message) { }

    public ProviderRejectedException(string message, Exception inner) : base(message, inner) { }

    public ProviderRejectedException(string message, HttpStatusCode statusCode) : base(message) => StatusCode = statusCode;

    public HttpStatusCode? StatusCode { get; }
}
