using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Mosaic.Catalog.Contracts;
using Mosaic.Cli.Terminal;
using Mosaic.Identity.Contracts;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>
/// A scripted shopper: registers, logs in, looks at its account, browses, filters, searches and opens
/// a product, then places orders and follows them to the end, printing every call with its status and trace id.
/// </summary>
public sealed class ShopperJourney(GatewayClient client, ConsoleOutput output, OrderWatch watch, TimeProvider time)
{
    private readonly DemoSteps _steps = new(output);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var suffix = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var email = $"shopper-{suffix}@example.com";
        // Random, at least ten characters, with letters and digits: the password policy's minimum.
        var password = $"Shop-{RandomNumberGenerator.GetHexString(12, lowercase: true)}-7";

        var (registered, user) = await client.SendAsync<UserResponse>(HttpMethod.Post, "/api/identity/register",
            new RegisterRequest { Email = email, Password = password, DisplayName = $"Demo shopper {suffix}" }, cancellationToken);
        Report("Register a new customer", registered, HttpStatusCode.Created, $"{email} (role {user?.Role})");

        var (loggedIn, token) = await client.SendAsync<AccessTokenResponse>(HttpMethod.Post, "/api/identity/login",
            new LoginRequest { Email = email, Password = password }, cancellationToken);
        Report("Log in", loggedIn, HttpStatusCode.OK, $"{token?.TokenType} token, valid {token?.ExpiresIn} s");
        client.AccessToken = token!.AccessToken;

        var (me, account) = await client.SendAsync<UserResponse>(HttpMethod.Get, "/api/identity/me", null, cancellationToken);
        Report("Who am I", me, HttpStatusCode.OK, $"{account?.DisplayName} <{account?.Email}>, {account?.Role}");

        var (browsed, page) = await client.SendAsync<ProductPage>(HttpMethod.Get, "/api/catalog/products?page=1&pageSize=8", null, cancellationToken);
        Report("Browse the first page", browsed, HttpStatusCode.OK, $"{page?.Items.Count} of {page?.Total} products");
        if (page is null || page.Items.Count == 0)
        {
            output.Warning("The catalog is empty, so there is nothing to filter, search, open or order.");
            return;
        }
        output.Write(ProductTable(page.Items));

        var first = page.Items[0];
        var category = Uri.EscapeDataString(first.Category);
        var (filtered, inCategory) = await client.SendAsync<ProductPage>(HttpMethod.Get, $"/api/catalog/products?category={category}&pageSize=100", null, cancellationToken);
        Report($"Filter by category '{first.Category}'", filtered, HttpStatusCode.OK, $"{inCategory?.Total} products");

        var word = SearchWord(first.Name);
        var (searched, found) = await client.SendAsync<ProductPage>(HttpMethod.Get, $"/api/catalog/products?q={Uri.EscapeDataString(word)}", null, cancellationToken);
        Report($"Search for '{word}'", searched, HttpStatusCode.OK,
            $"{found?.Total} match(es): {string.Join(", ", (found?.Items ?? []).Take(3).Select(p => p.Name))}");

        var (opened, product) = await client.SendAsync<ProductResponse>(HttpMethod.Get, $"/api/catalog/products/{first.Id}", null, cancellationToken);
        Report("Open one product", opened, HttpStatusCode.OK,
            $"{product?.Name}: {product?.Price.ToString("0.00", CultureInfo.InvariantCulture)}, {product?.Available} available");

        // The product just opened first (its stock is the freshest), then the rest of what the shopper saw.
        var seen = new[] { product! }.Concat(page.Items).Concat(inCategory?.Items ?? []).DistinctBy(p => p.Id).ToList();
        await new OrderJourney(client, _steps, watch, time).RunAsync(seen, cancellationToken);
    }

    private void Report(string title, DemoCall call, HttpStatusCode expected, string outcome) => _steps.Report(title, call, expected, outcome);

    private static Table ProductTable(IEnumerable<ProductResponse> products)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("name", "category", "price", "available");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var p in products)
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Category), p.Price.ToString("0.00", CultureInfo.InvariantCulture), p.Available.ToString(CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>The longest word of a product name: specific enough to find it, common enough to find others.</summary>
    private static string SearchWord(string name) =>
        name.Split(' ', StringSplitOptions.RemoveEmptyEntries).MaxBy(w => w.Length)?.Trim(',', '.', '(', ')').ToLowerInvariant() ?? name;
}
