using System.Net;
using System.Security.Cryptography.X509Certificates;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Tests.Certificates.Support;

namespace Mosaic.Platform.Tests.Certificates;

/// <summary>The API listener lets in this environment's identities only, as far as the policy allows; the management listener stays plain.</summary>
public sealed class MutualTlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_allowed_caller_with_its_certificate_gets_an_answer()
    {
        await using var service = await SecureService.StartAsync();
        using var shop = service.ClientWith(service.CertificateOf("shop"));

        var response = await shop.GetAsync("/items/42", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_identity_the_policy_does_not_allow_gets_a_403_that_reveals_nothing_and_the_log_names_the_rule()
    {
        await using var service = await SecureService.StartAsync();
        using var audit = service.ClientWith(service.CertificateOf("audit"));

        var response = await audit.GetAsync("/items/42", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("default-deny", body, StringComparison.Ordinal);
        Assert.DoesNotContain("shop", body, StringComparison.Ordinal);
        Assert.Contains(service.Logs.Entries, e => e.Contains("Policy denied audit -> stock: GET /items/42 (rule default-deny)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_policy_decisions_are_counted_by_source_target_decision_and_rule()
    {
        await using var service = await SecureService.StartAsync();
        using var shop = service.ClientWith(service.CertificateOf("shop"));
        using var audit = service.ClientWith(service.CertificateOf("audit"));
        await shop.GetAsync("/items/1", Ct);
        await audit.GetAsync("/items/1", Ct);

        using var management = new HttpClient();
        var metrics = await management.GetStringAsync($"http://127.0.0.1:{service.ManagementPort}/metrics", Ct);

        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("mosaic_policy_decisions_total{", StringComparison.Ordinal)
            && line.Contains("decision=\"allow\"", StringComparison.Ordinal) && line.Contains("rule=\"shop->stock GET /items/*\"", StringComparison.Ordinal)
            && line.Contains("source=\"shop\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("mosaic_policy_decisions_total{", StringComparison.Ordinal)
            && line.Contains("decision=\"deny\"", StringComparison.Ordinal) && line.Contains("rule=\"default-deny\"", StringComparison.Ordinal)
            && line.Contains("source=\"audit\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_management_listener_stays_plain_http_for_probes_and_scrapers()
    {
        await using var service = await SecureService.StartAsync();
        using var probe = new HttpClient();

        var live = await probe.GetAsync($"http://127.0.0.1:{service.ManagementPort}/health/live", Ct);
        var info = await probe.GetStringAsync($"http://127.0.0.1:{service.ManagementPort}/info", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"identity\":\"spiffe://test-shop/test/stock\"", info, StringComparison.Ordinal);
        Assert.Contains("\"certificateExpires\"", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_without_a_certificate_is_refused_at_the_handshake()
    {
        await using var service = await SecureService.StartAsync();
        using var anonymous = service.ClientWith(certificate: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/items/42", Ct));
    }

    [Fact]
    public async Task Plain_http_to_the_api_listener_gets_no_answer()
    {
        await using var service = await SecureService.StartAsync();
        using var plain = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{service.Port}/items/42", Ct));
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused_even_with_the_right_name()
    {
        await using var service = await SecureService.StartAsync();
        using var foreign = CertificateAuthority.Create(SecureService.TrustDomain, SecureService.Environment, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var impostor = service.ClientWith(foreign.Issue(SecureService.Id("shop"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));

        await Assert.ThrowsAsync<HttpRequestException>(() => impostor.GetAsync("/items/42", Ct));
        Assert.Contains(service.Logs.Entries, e => e.Contains("does not verify against this environment's authority", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        await using var service = await SecureService.StartAsync();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-1);
        using var expired = service.ClientWith(service.Authority.Issue(SecureService.Id("shop"), longAgo, longAgo.AddHours(1)));

        await Assert.ThrowsAsync<HttpRequestException>(() => expired.GetAsync("/items/42", Ct));
    }

    [Theory]
    [InlineData("stranger", SecureService.Environment, SecureService.TrustDomain)]
    [InlineData("shop", "prod", SecureService.TrustDomain)]
    [InlineData("shop", SecureService.Environment, "other-domain")]
    public async Task An_identity_that_is_not_this_environments_is_refused(string name, string environment, string trustDomain)
    {
        await using var service = await SecureService.StartAsync();
        using var unknown = service.ClientWith(service.Authority.Issue(SecureService.Id(name, environment, trustDomain), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));

        await Assert.ThrowsAsync<HttpRequestException>(() => unknown.GetAsync("/items/42", Ct));
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_once_the_revocation_list_is_reloaded()
    {
        await using var service = await SecureService.StartAsync();
        var shopCertificate = service.CertificateOf("shop");
        using (var before = service.ClientWith(shopCertificate))
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/items/1", Ct)).StatusCode);

        var crl = service.Authority.RevocationList([shopCertificate.SerialNumber], 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(service.Pki.RevocationList, crl, Ct);

        var refused = false;
        for (var attempt = 0; attempt < 50 && !refused; attempt++)
        {
            using var after = service.ClientWith(shopCertificate);
            try
            {
                await after.GetAsync("/items/1", Ct);
                await Task.Delay(200, Ct);
            }
            catch (HttpRequestException)
            {
                refused = true;
            }
        }
        Assert.True(refused, "the revoked certificate was still accepted 10 s after the CRL was written");
    }

    [Fact]
    public async Task A_revocation_list_not_signed_by_the_authority_is_ignored_and_the_last_good_one_kept()
    {
        await using var service = await SecureService.StartAsync();
        using var other = CertificateAuthority.Create(SecureService.TrustDomain, SecureService.Environment, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        var shopCertificate = service.CertificateOf("shop");
        await File.WriteAllBytesAsync(service.Pki.RevocationList,
            other.RevocationList([shopCertificate.SerialNumber], 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)), Ct);

        await WaitForLogAsync(service, "could not be read");
        using var shop = service.ClientWith(shopCertificate);
        Assert.Equal(HttpStatusCode.OK, (await shop.GetAsync("/items/1", Ct)).StatusCode);
    }

    [Fact]
    public async Task Audit_mode_lets_a_denied_call_through_and_logs_and_counts_it_as_would_deny()
    {
        await using var service = await SecureService.StartAsync(SecureService.DefaultPolicy(mode: "audit"));
        using var audit = service.ClientWith(service.CertificateOf("audit"));

        var response = await audit.GetAsync("/items/42", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(service.Logs.Entries, e => e.Contains("Policy would deny audit -> stock: GET /items/42 (rule default-deny; audit mode lets it through)", StringComparison.Ordinal));
        using var management = new HttpClient();
        var metrics = await management.GetStringAsync($"http://127.0.0.1:{service.ManagementPort}/metrics", Ct);
        Assert.Contains("decision=\"would-deny\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewed_certificate_is_served_without_a_restart_and_no_request_fails_under_steady_traffic()
    {
        await using var service = await SecureService.StartAsync();
        var original = service.CertificateOf("stock").SerialNumber;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var shopCertificate = service.CertificateOf("shop");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Two callers: one on a kept-alive connection, one opening a new connection for every request.
        async Task Traffic(bool newConnectionEachTime)
        {
            var client = service.ClientWith(shopCertificate, server => seen.AddOrUpdate(server.SerialNumber, 1, (_, n) => n + 1));
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (newConnectionEachTime)
                    {
                        client.Dispose();
                        client = service.ClientWith(shopCertificate, server => seen.AddOrUpdate(server.SerialNumber, 1, (_, n) => n + 1));
                    }
                    try
                    {
                        var response = await client.GetAsync("/items/1", CancellationToken.None);
                        if (response.StatusCode != HttpStatusCode.OK) failures.Enqueue($"status {(int)response.StatusCode}");
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Enqueue(e.Message);
                    }
                }
            }
            finally
            {
                client.Dispose();
            }
        }

        var traffic = new[] { Traffic(false), Traffic(true) };
        await Task.Delay(500, Ct);
        using var renewed = service.Authority.Issue(SecureService.Id("stock"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(2));
        service.Pki.WriteIdentity("stock", renewed);
        for (var i = 0; i < 100 && !seen.ContainsKey(renewed.SerialNumber); i++) await Task.Delay(100, Ct);
        await Task.Delay(500, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        Assert.True(seen.ContainsKey(original), "the original certificate was never served");
        Assert.True(seen.ContainsKey(renewed.SerialNumber), "the renewed certificate was not served within 10 s");
        Assert.Empty(failures);
    }

    private static async Task WaitForLogAsync(SecureService service, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (service.Logs.Entries.Any(e => e.Contains(text, StringComparison.Ordinal))) return;
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"no log entry containing '{text}' within 10 s");
    }
}
