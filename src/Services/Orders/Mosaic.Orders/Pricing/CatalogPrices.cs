using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Catalog.Contracts;
using Mosaic.Platform.ServiceClients;

namespace Mosaic.Orders.Pricing;

/// <summary>
/// Asks catalog what products cost now, through the platform's internal client. Only prices are
/// taken: whether there is enough stock is catalog's decision, made when it reserves for the order.
/// </summary>
public sealed class CatalogPrices(IServiceClientFactory clients)
{
    public const string Service = "catalog";

    /// <summary>
    /// The unit price in cents of each product, or no entry for a product catalog does not know.
    /// Throws <see cref="CatalogUnavailableException"/> when catalog cannot give a definite answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, long>> LookupAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(Service);
        var answers = await Task.WhenAll(productIds.Select(id => PriceOfAsync(client, id, cancellationToken)));
        return answers.Where(a => a.Cents is not null).ToDictionary(a => a.Id, a => a.Cents!.Value);
    }

    private static async Task<(Guid Id, long? Cents)> PriceOfAsync(HttpClient client, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"products/{id}", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return (id, null);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new CatalogUnavailableException($"Catalog answered {(int)response.StatusCode} for product {id}.");
            var product = await response.Content.ReadFromJsonAsync<ProductResponse>(cancellationToken)
                ?? throw new CatalogUnavailableException($"Catalog sent an empty body for product {id}.");
            return (id, ToCents(product));
        }
        catch (HttpRequestException e)
        {
            throw new CatalogUnavailableException($"Catalog could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException("Catalog did not answer in time.", e);
        }
        catch (JsonException e)
        {
            throw new CatalogUnavailableException($"Catalog sent a product that could not be read: {e.Message}", e);
        }
    }

    private static long ToCents(ProductResponse product)
    {
        var cents = product.Price * 100;
        if (cents <= 0 || cents != decimal.Truncate(cents) || cents > long.MaxValue)
            throw new CatalogUnavailableException($"Catalog priced product {product.Id} at {product.Price}, which is not a whole number of cents above zero.");
        return (long)cents;
    }
}
