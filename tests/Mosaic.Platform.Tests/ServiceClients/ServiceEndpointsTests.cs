using Mosaic.Platform.ServiceClients;

namespace Mosaic.Platform.Tests.ServiceClients;

public class ServiceEndpointsTests
{
    private static readonly Uri A = new("http://127.0.0.1:1001");
    private static readonly Uri B = new("http://127.0.0.1:1002");
    private static readonly Uri C = new("http://127.0.0.1:1003");

    private readonly ManualClock clock = new();
    private readonly ServiceEndpoints endpoints;

    public ServiceEndpointsTests()
    {
        endpoints = new ServiceEndpoints(new Dictionary<string, IReadOnlyList<Uri>> { ["catalog"] = [A, B, C] }, clock);
    }

    [Fact]
    public void Calls_rotate_over_instances()
    {
        var firsts = Enumerable.Range(0, 6).Select(_ => endpoints.Candidates("catalog")[0]).ToList();

        Assert.Equal([A, B, C, A, B, C], firsts);
    }

    [Fact]
    public void A_failed_instance_is_tried_last_until_its_cooldown_ends()
    {
        endpoints.ReportFailure("catalog", B);

        for (var i = 0; i < 6; i++) Assert.Equal(B, endpoints.Candidates("catalog")[^1]);

        clock.Advance(ServiceEndpoints.Cooldown + TimeSpan.FromMilliseconds(1));
        var firsts = Enumerable.Range(0, 3).Select(_ => endpoints.Candidates("catalog")[0]).ToList();
        Assert.Contains(B, firsts);
    }

    [Fact]
    public void Every_call_gets_every_instance_once_healthy_first_in_rotation_order()
    {
        endpoints.ReportFailure("catalog", A);

        var orders = Enumerable.Range(0, 3).Select(_ => endpoints.Candidates("catalog").ToList()).ToList();

        Assert.Equal([B, C, A], orders[0]);
        Assert.Equal([B, C, A], orders[1]);
        Assert.Equal([C, B, A], orders[2]);
    }

    [Fact]
    public void Success_clears_a_failure()
    {
        endpoints.ReportFailure("catalog", A);
        endpoints.ReportSuccess("catalog", A);

        Assert.Equal(A, endpoints.Candidates("catalog")[0]);
    }

    [Fact]
    public void An_unknown_service_says_so()
    {
        var error = Assert.Throws<UnknownServiceException>(() => endpoints.Candidates("orders"));

        Assert.Contains("No service named 'orders'", error.Message, StringComparison.Ordinal);
    }
}
