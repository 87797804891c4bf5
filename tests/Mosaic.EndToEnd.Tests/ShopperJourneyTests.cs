using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mosaic.Catalog.Contracts;
using Mosaic.Identity.Contracts;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// Drives the public API through the gateway of a system started with <c>./mosaic up</c>, the
/// way a newcomer would with curl, then stops it with <c>./mosaic down</c>.
/// </summary>
[Collection(SystemCollection.Name)]
public class ShopperJourneyTests(MosaicSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient http = new() { BaseAddress = MosaicSystem.Gateway };

    [Fact]
    public async Task A_shopper_registers_logs_in_and_browses()
    {
        var email = $"shopper-{Guid.NewGuid():N}@example.com";

        var registered = await http.PostAsJsonAsync("/api/identity/register",
            new RegisterRequest { Email = email, Password = "correct-horse-42", DisplayName = "Shopper" }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var token = await LoginAsync(email, "correct-horse-42");
        using var me = Authorized(HttpMethod.Get, "/api/identity/me", token);
        var user = await (await http.SendAsync(me, Ct)).Content.ReadFromJsonAsync<UserResponse>(Ct);
        Assert.Equal(email, user!.Email);
        Assert.Equal("customer", user.Role);

        var page = await http.GetFromJsonAsync<ProductPage>("/api/catalog/products?pageSize=10", Ct);
        Assert.InRange(page!.Total, 40, 1000);
        Assert.Equal(10, page.Items.Count);

        var first = page.Items[0];
        var product = await http.GetFromJsonAsync<ProductResponse>($"/api/catalog/products/{first.Id}", Ct);
        Assert.Equal(first.Name, product!.Name);
        Assert.True(product.Available >= 0);

        var filtered = await http.GetFromJsonAsync<ProductPage>($"/api/catalog/products?category={first.Category}", Ct);
        Assert.All(filtered!.Items, p => Assert.Equal(first.Category, p.Category, ignoreCase: true));
    }

    [Fact]
    public async Task Writes_need_a_token_and_the_admin_role()
    {
        var newProduct = new CreateProductRequest { Name = $"E2E lamp {Guid.NewGuid():N}", Category = "kitchen", Price = 19.99m, Stock = 5 };

        var anonymous = await http.PostAsJsonAsync("/api/catalog/products", newProduct, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var customerEmail = $"customer-{Guid.NewGuid():N}@example.com";
        await http.PostAsJsonAsync("/api/identity/register",
            new RegisterRequest { Email = customerEmail, Password = "customer-pass-7", DisplayName = "Customer" }, Ct);
        var customerToken = await LoginAsync(customerEmail, "customer-pass-7");
        using var asCustomer = Authorized(HttpMethod.Post, "/api/catalog/products", customerToken, newProduct);
        var forbidden = await http.SendAsync(asCustomer, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        var (exitCode, output) = await MosaicSystem.RunAsync("admin", "create", adminEmail, "--password", "admin-pass-2026", "--environment", system.Environment);
        Assert.True(exitCode == 0, output);
        var adminToken = await LoginAsync(adminEmail, "admin-pass-2026");
        using var asAdmin = Authorized(HttpMethod.Post, "/api/catalog/products", adminToken, newProduct);
        var created = await http.SendAsync(asAdmin, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var id = (await created.Content.ReadFromJsonAsync<ProductResponse>(Ct))!.Id;
        var readBack = await http.GetFromJsonAsync<ProductResponse>($"/api/catalog/products/{id}", Ct);
        Assert.Equal(newProduct.Name, readBack!.Name);
        Assert.Equal(19.99m, readBack.Price);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_what_is_wrong()
    {
        using var broken = new StringContent("{\"email\": \"a@b.c\", \"password\": ", Encoding.UTF8, "application/json");
        var malformed = await http.PostAsync("/api/identity/register", broken, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var weak = await http.PostAsJsonAsync("/api/identity/register",
            new RegisterRequest { Email = $"weak-{Guid.NewGuid():N}@example.com", Password = "short", DisplayName = "Weak" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var problem = await weak.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.GetRawText());

        var unknown = await http.GetAsync($"/api/catalog/products/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^[0-9a-f]{32}$", unknown.Headers.GetValues("X-Trace-Id").Single());
    }

    [Fact]
    public async Task Status_reports_every_instance_ready()
    {
        var (exitCode, output) = await MosaicSystem.RunAsync("status", "--environment", system.Environment);

        Assert.True(exitCode == 0, output);
        foreach (var instance in new[] { "identity-0", "catalog-0", "catalog-1", "gateway-0" })
            Assert.Contains(instance, output, StringComparison.Ordinal);
        Assert.Contains(MosaicSystem.Gateway.ToString().TrimEnd('/'), system.UpOutput, StringComparison.Ordinal);
    }

    private async Task<string> LoginAsync(string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/identity/login", new LoginRequest { Email = email, Password = password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<AccessTokenResponse>(Ct);
        Assert.Equal("Bearer", token!.TokenType);
        return token.AccessToken;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }
}
