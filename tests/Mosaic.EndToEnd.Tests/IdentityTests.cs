using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Manifest;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// The running system as <c>./mosaic up</c> starts it: every instance holds its environment's identity,
/// every API listener wants a certificate from that environment, and the policy decides the rest.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IdentityTests(MosaicSystem system)
{
    private static readonly string[] Services = ["identity", "catalog", "orders", "payments", "payment-provider", "gateway"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_instance_shows_its_spiffe_id_and_a_certificate_valid_for_about_a_day()
    {
        using var http = new HttpClient();
        var manifest = ManifestLoader.Load(Path.Combine(MosaicSystem.Root, ManifestLoader.FileName));
        foreach (var service in Services)
        {
            foreach (var instance in manifest.GetService(service).AllInstances())
            {
                var info = await http.GetFromJsonAsync<JsonElement>(new Uri(instance.ManagementAddress, "/info"), Ct);
                Assert.Equal($"spiffe://{manifest.Name}/{system.Environment}/{service}", info.GetProperty("identity").GetString());
                var expires = info.GetProperty("certificateExpires").GetDateTimeOffset();
                Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(20), TimeSpan.FromHours(24.1));
            }
        }
    }

    [Fact]
    public async Task A_services_api_refuses_plain_http_and_a_caller_without_a_certificate()
    {
        var catalog = OperatorClient.InstanceOf("catalog");
        using var plain = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(new Uri(catalog.ApiAddress, "/products"), Ct));

        using var anonymous = OperatorClient.Anonymous(system.Environment, "catalog");
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/products", Ct));
    }

    [Fact]
    public async Task The_operator_may_read_the_providers_ledger_but_not_call_the_catalog_which_the_policy_does_not_allow()
    {
        using var provider = OperatorClient.For(system.Environment, "payment-provider");
        using var catalog = OperatorClient.For(system.Environment, "catalog");

        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync("/charges", Ct)).StatusCode);
        var refused = await catalog.GetAsync("/products", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_service_identity_calling_what_the_policy_does_not_allow_is_refused_at_ingress()
    {
        // catalog's own certificate, used by hand: catalog has no rule to the payment provider.
        var pki = PkiDirectory.InStateDirectory(system.StateDirectory);
        using var catalogIdentity = X509Certificate2.CreateFromPemFile(pki.CertificateOf("catalog"), pki.KeyOf("catalog"));
        using var provider = OperatorClient.For(system.Environment, "payment-provider", catalogIdentity);

        var response = await provider.PostAsJsonAsync("/charges", new { amount = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var log = await File.ReadAllTextAsync(Path.Combine(system.StateDirectory, "logs", "payment-provider-0.log"), Ct);
        Assert.Contains("Policy denied catalog -> payment-provider: POST /charges (rule default-deny)", log, StringComparison.Ordinal);
    }
}
