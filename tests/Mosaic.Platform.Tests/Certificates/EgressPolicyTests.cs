using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Policy.Enforcement;
using Mosaic.Platform.ServiceClients;
using Mosaic.Platform.Tests.Certificates.Support;

namespace Mosaic.Platform.Tests.Certificates;

/// <summary>The internal client refuses a call the policy does not allow before it leaves: the target never sees a connection.</summary>
public sealed class EgressPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_the_policy_does_not_allow_is_refused_before_any_connection_with_a_sentence_that_says_what_to_add()
    {
        await using var service = await SecureService.StartAsync();
        using var client = service.App.Services.GetRequiredService<IServiceClientFactory>().CreateClient("shop");
        var shop = new TcpListener(IPAddress.Loopback, ShopPort(service));
        shop.Start();
        try
        {
            var refused = await Assert.ThrowsAsync<CallNotAllowedException>(() => client.GetAsync("orders/1", Ct));

            Assert.Contains("The policy does not allow stock to call GET /orders/1 on shop", refused.Message, StringComparison.Ordinal);
            Assert.Contains("'stock -> shop' rule", refused.Message, StringComparison.Ordinal);
            Assert.False(shop.Pending(), "a connection reached shop");
            Assert.Contains(service.Logs.Entries, e => e.Contains("Policy denied stock -> shop: GET /orders/1 (rule default-deny)", StringComparison.Ordinal));
        }
        finally
        {
            shop.Stop();
        }
    }

    [Theory]
    [InlineData("prices/..%2F..%2Forders/1")]
    [InlineData("prices/%2e%2e/orders")]
    public async Task A_path_that_would_leave_the_allowed_template_is_refused_too(string path)
    {
        await using var service = await SecureService.StartAsync();
        using var client = service.App.Services.GetRequiredService<IServiceClientFactory>().CreateClient("shop");

        await Assert.ThrowsAsync<CallNotAllowedException>(() => client.GetAsync(path, Ct));
    }

    [Fact]
    public async Task An_allowed_call_leaves_over_https_with_the_services_own_certificate()
    {
        var (recordType, _) = await FirstRecordOfAnAllowedCallAsync();

        Assert.Equal(0x16, recordType); // a TLS handshake record, not "GET /"
    }

    [Fact]
    public async Task An_allowed_call_offers_HTTP2_in_its_handshake_so_calls_share_multiplexed_connections()
    {
        var (recordType, hello) = await FirstRecordOfAnAllowedCallAsync();

        Assert.Equal(0x16, recordType);
        // ALPN lists protocols as length-prefixed names: "h2" is offered only for HTTP/2 requests.
        Assert.True(hello.AsSpan().IndexOf("\u0002h2"u8) >= 0, "the ClientHello offers no h2 in its ALPN extension");
        Assert.True(hello.AsSpan().IndexOf("\u0008http/1.1"u8) >= 0, "the ClientHello offers no http/1.1 fallback");
    }

    /// <summary>
    /// Makes an allowed call from <c>stock</c> to <c>shop</c>, where a bare TCP listener stands in for
    /// <c>shop</c>, and returns the type and body of the first record the call sends (its ClientHello).
    /// </summary>
    private static async Task<(byte RecordType, byte[] Body)> FirstRecordOfAnAllowedCallAsync()
    {
        await using var service = await SecureService.StartAsync();
        using var client = service.App.Services.GetRequiredService<IServiceClientFactory>().CreateClient("shop");
        var shop = new TcpListener(IPAddress.Loopback, ShopPort(service));
        shop.Start();
        try
        {
            var call = client.GetAsync("prices/1", Ct);
            using var accepted = await shop.AcceptTcpClientAsync(Ct);
            if (call.IsCompleted) Assert.Fail($"the call ended before its handshake: {call.Exception}");
            var header = new byte[5];
            await accepted.GetStream().ReadExactlyAsync(header, Ct);
            // Anything but a handshake record (plain "GET /" say) has no record length to read by.
            var body = new byte[header[0] == 0x16 ? (header[3] << 8) | header[4] : 0];
            await accepted.GetStream().ReadExactlyAsync(body, Ct);
            accepted.Close();
            await Assert.ThrowsAnyAsync<Exception>(() => call);
            return (header[0], body);
        }
        finally
        {
            shop.Stop();
        }
    }

    private static int ShopPort(SecureService service) =>
        service.App.Services.GetRequiredService<ServiceEndpoints>().InstancesOf("shop")[0].Port;
}
