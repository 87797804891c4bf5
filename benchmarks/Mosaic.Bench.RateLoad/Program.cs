using Mosaic.Bench.RateLoad;

var options = LoadOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

using var run = new LoadRun(options);
try
{
    await run.OpenConnectionsAsync(CancellationToken.None);
}
catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"rate-load: cannot reach the target ({e.Message}); start the server first.");
    return 1;
}

await run.RunAsync();
RunReport.Write(Console.Out, options, run);
return run.Saturated || run.MeasuredFailed > 0 || run.Unfinished > 0 ? 1 : 0;
