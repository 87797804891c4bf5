using System.Globalization;
using BenchmarkDotNet.Running;
using Mosaic.Bench.Policy;

// policy-bench decision [BenchmarkDotNet arguments]   the policy decision alone
// policy-bench hop [RATE] [SECONDS] [WARMUP] [ROUNDS]  plain HTTP against mutual TLS + policy, one hop
switch (args.FirstOrDefault())
{
    case "decision":
        BenchmarkRunner.Run<DecisionBenchmarks>(args: args[1..]);
        return 0;
    case "hop":
        int At(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        await HopBenchmark.RunAsync(At(1, 500), TimeSpan.FromSeconds(At(2, 20)), TimeSpan.FromSeconds(At(3, 5)), At(4, 3));
        return 0;
    default:
        Console.Error.WriteLine("usage: policy-bench decision | hop [RATE] [SECONDS] [WARMUP] [ROUNDS]");
        return 2;
}
