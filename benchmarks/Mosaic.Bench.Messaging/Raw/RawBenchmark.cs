using System.Net.Sockets;
using System.Text.Json;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary><c>messaging-bench raw ...</c>: runs the baseline once and writes its <see cref="RawResult"/> as JSON.</summary>
public static class RawBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = RawOptions.Parse(args, Environment.GetEnvironmentVariable(RawOptions.BrokerVariable), out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"messaging-bench raw: {error}");
            return 2;
        }
        RawResult result;
        try
        {
            result = await RawRun.RunAsync(options, CancellationToken.None);
        }
        catch (Exception e) when (e is BrokerUnreachableException or SocketException or OperationInterruptedException or AlreadyClosedException)
        {
            // The host and port only: the URI carries the credentials.
            await Console.Error.WriteLineAsync(
                $"messaging-bench raw: the broker at {options.Broker.Host}:{options.Broker.Port} failed ({e.GetType().Name}); start it, or point {RawOptions.BrokerVariable} at a running one.");
            return 1;
        }
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        return result.Failed > 0 || result.Saturated || result.Consumed < result.Confirmed ? 1 : 0;
    }
}
