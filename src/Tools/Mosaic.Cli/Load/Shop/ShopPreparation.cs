using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Mosaic.Catalog.Contracts;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Demo;
using Mosaic.Identity.Contracts;

namespace Mosaic.Cli.Load.Shop;

/// <summary>
/// Gets the shop ready for a run, through the gateway like any client: an admin account (made with
/// <paramref name="createAdmin"/>, as <c>mosaic admin create</c> does), the run's own products with a
/// large stock, and a pool of registered, logged-in users. Every request it sends is counted, so a
/// report can tell setup traffic from measured traffic.
/// </summary>
public sealed class ShopPreparation(HttpClient http, Uri gateway, Func<string, string, CancellationToken, Task> createAdmin)
{
    public const int ProductStock = 1_000_000;
    public const decimal ProductPrice = 1.00m;
    public const int CatalogPageSize = 20;

    private long _requests;

    public async Task<ShopFixture> PrepareAsync(int users, int products, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Nothing is created (not even the admin account) unless the gateway answers.
        (await SendAsync(HttpMethod.Get, "/api/catalog/categories", null, null, HttpStatusCode.OK, cancellationToken)).Dispose();
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        progress?.Report("Creating an admin account for the run");
        var adminEmail = $"load-admin-{run}@example.com";
        var adminPassword = $"load-admin-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        await createAdmin(adminEmail, adminPassword, cancellationToken);
        var adminToken = await LoginAsync(adminEmail, adminPassword, cancellationToken);

        progress?.Report($"Creating {products} product(s) with {ProductStock:N0} units each");
        var productIds = new List<Guid>();
        for (var i = 0; i < products; i++)
            productIds.Add(await CreateProductAsync(adminToken, $"Load item {run}-{i + 1}", cancellationToken));

        progress?.Report($"Registering and logging in {users} user(s)");
        var pool = new ShopUser[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var email = $"load-{run}-{i + 1}@example.com";
            const string password = "load-shopper-2026";
            await SendAsync(HttpMethod.Post, "/api/identity/register", null,
                new RegisterRequest { Email = email, Password = password, DisplayName = $"Load shopper {i + 1}" }, HttpStatusCode.Created, ct);
            pool[i] = new ShopUser(email, await LoginAsync(email, password, ct));
        });

        using var page = await SendAsync(HttpMethod.Get, $"/api/catalog/products?page=1&pageSize={CatalogPageSize}", null, null, HttpStatusCode.OK, cancellationToken);
        var total = (await page.Content.ReadFromJsonAsync<ProductPage>(cancellationToken))?.Total ?? 0;
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)CatalogPageSize));
        return new ShopFixture(gateway, pool, productIds, ProductStock, pages, adminToken, Interlocked.Read(ref _requests));
    }

    private async Task<Guid> CreateProductAsync(string adminToken, string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/catalog/products", adminToken,
            new CreateProductRequest { Name = name, Category = "load", Price = ProductPrice, Stock = ProductStock, Description = "Made by mosaic load or chaos for its run." },
            HttpStatusCode.Created, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ProductResponse>(cancellationToken))!.Id;
    }

    private async Task<string> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/identity/login", null, new LoginRequest { Email = email, Password = password }, HttpStatusCode.OK, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<AccessTokenResponse>(cancellationToken))!.AccessToken;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway, path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        Interlocked.Increment(ref _requests);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (GatewayClient.Unreachable(e, gateway, method, path, http.Timeout, cancellationToken) is { } failure)
        {
            throw failure;
        }
        if (response.StatusCode != expected)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new CliException($"Preparing the run, {method} {path} answered {status} instead of {(int)expected}: check ./mosaic status and the service logs.");
        }
        return response;
    }
}
