using BenchmarkDotNet.Attributes;
using Mosaic.Platform.Policy;

namespace Mosaic.Bench.Policy;

/// <summary>The policy decision alone, on the shop's own policy: an allow deep in a rule, an allow on the first operation, a default deny, a canonical path check.</summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private SegmentationPolicy policy = null!;

    [GlobalSetup]
    public void Setup() => policy = SegmentationPolicy.Load(Path.Combine(RepositoryRoot.Find(), "policies", "policy.yaml"));

    [Benchmark(Description = "allow gateway->orders POST /orders/*/cancel (last of 4)")]
    public bool AllowLastOperation() => policy.DecideCall("gateway", "orders", "POST", "/orders/0195f0c2-7e8a-7c3b-9d1e-4b2a6f8e1c3d/cancel").Allowed;

    [Benchmark(Description = "allow gateway->catalog GET /products (first)")]
    public bool AllowFirstOperation() => policy.DecideCall("gateway", "catalog", "GET", "/products").Allowed;

    [Benchmark(Description = "deny catalog->payment-provider POST /charges")]
    public bool DenyUnknownPair() => policy.DecideCall("catalog", "payment-provider", "POST", "/charges").Allowed;

    [Benchmark(Description = "deny gateway->catalog DELETE /products/x (walks every operation)")]
    public bool DenyAfterEveryOperation() => policy.DecideCall("gateway", "catalog", "DELETE", "/products/ca7a1000-0000-4000-8000-000000000045").Allowed;

    [Benchmark(Description = "consume orders.order-placed by catalog")]
    public bool Consume() => policy.DecideConsume("catalog", "orders.order-placed").Allowed;

    [Benchmark(Description = "canonical path of /products/ca7a1000-...-45 (already canonical)")]
    public string? CanonicalAlready() => CanonicalPath.Normalize("/products/ca7a1000-0000-4000-8000-000000000045");
}
