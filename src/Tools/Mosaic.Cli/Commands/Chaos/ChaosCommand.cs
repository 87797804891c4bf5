using System.CommandLine;
using Mosaic.Cli.Chaos;
using Mosaic.Cli.Chaos.Experiments;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Load;

namespace Mosaic.Cli.Commands.Chaos;

/// <summary>
/// <c>mosaic chaos EXPERIMENT</c>: runs the shop mix through the gateway, injects one fault while it runs,
/// and afterwards checks the business invariants; exit 0 only when every one held.
/// </summary>
public static class ChaosCommand
{
    public static Command Create(CliContext context)
    {
        var chaos = new Command("chaos", "Break one part of the running system under load, measure the recovery, and check that no order, charge or unit of stock went wrong.");
        chaos.Subcommands.Add(ForInstance(context, "kill", "Kill -9 one instance of SERVICE mid-load; mosaic up restarts it.", SignalInstance.Kill));
        chaos.Subcommands.Add(ForInstance(context, "stop", "Stop one instance of SERVICE gracefully (SIGTERM) mid-load; mosaic up starts it again.", SignalInstance.Stop));
        chaos.Subcommands.Add(ForInstance(context, "pause", "Freeze one instance of SERVICE (SIGSTOP) for --fault-duration, then let it go on (SIGCONT).", (s, i) => new PauseInstance(s, i)));
        chaos.Subcommands.Add(Plain(context, "provider-outage", "The payment provider answers every charge with 503 for --fault-duration.", _ => ProviderFault.Outage()));

        var latency = new Option<int>("--latency-ms") { Description = "Milliseconds added to every charge.", DefaultValueFactory = _ => 1000, HelpName = "ms" };
        latency.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > Mosaic.PaymentProvider.Contracts.FaultSettings.MaxLatencyMs) r.AddError("--latency-ms needs milliseconds from 1 to 60000."); });
        chaos.Subcommands.Add(Plain(context, "provider-latency", "The payment provider takes --latency-ms longer for every charge, for --fault-duration.", p => ProviderFault.Latency(p.GetValue(latency)), latency));

        var errorRate = new Option<double>("--error-rate") { Description = "The share of charges that fail after the money moved (0 to 1).", DefaultValueFactory = _ => 0.3, HelpName = "fraction" };
        errorRate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or > 1) r.AddError("--error-rate needs a fraction above 0 and at most 1, like 0.3."); });
        chaos.Subcommands.Add(Plain(context, "provider-errors", "A share of charges fail with 500 after the provider charged, for --fault-duration.", p => ProviderFault.Errors(p.GetValue(errorRate)), errorRate));

        chaos.Subcommands.Add(Plain(context, "broker-restart", "Stop RabbitMQ for --fault-duration and start it again (production profile).", _ => new BrokerRestart()));

        var threads = new Option<int>("--threads") { Description = "Spinning threads (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "count" };
        threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 64) r.AddError("--threads needs a whole number from 1 to 64."); });
        chaos.Subcommands.Add(Plain(context, "cpu-hog", "Busy threads beside the services for --fault-duration.", p => new CpuHog(p.GetValue(threads)), threads));

        var target = ServiceArgument();
        chaos.Subcommands.Add(Experiment(context, "reset-connections", "Reset every connection to SERVICE's API once a second for --fault-duration (needs root and ss -K).",
            p => new ResetConnections(p.GetValue(target)!), target));
        return chaos;
    }

    private static Argument<string> ServiceArgument() => new("service") { Description = "The service, as mosaic.yaml names it (orders, catalog, payments, identity, gateway, payment-provider)." };

    private static Command ForInstance(CliContext context, string name, string description, Func<string, int, IChaosExperiment> make)
    {
        var service = ServiceArgument();
        var instance = new Option<int>("--instance") { Description = "Which instance of the service (from 0).", DefaultValueFactory = _ => 0, HelpName = "index" };
        instance.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 100) r.AddError("--instance needs a whole number from 0 to 100."); });
        return Experiment(context, name, description, p => make(p.GetValue(service)!, p.GetValue(instance)), service, instance);
    }

    private static Command Plain(CliContext context, string name, string description, Func<ParseResult, IChaosExperiment> make, params Option[] extra) =>
        Experiment(context, name, description, make, extra);

    private static Command Experiment(CliContext context, string name, string description, Func<ParseResult, IChaosExperiment> make, params Symbol[] extra)
    {
        var options = new LoadOptions(rate: 50, durationSeconds: 60);
        var environment = SharedOptions.Environment();
        var faultAt = LoadOptions.DurationOption("--fault-at", "When the fault begins, from the start of the load (default: a quarter of --duration).", TimeSpan.Zero);
        faultAt.DefaultValueFactory = null;
        var faultDuration = LoadOptions.DurationOption("--fault-duration", "How long a lasting fault lasts.", TimeSpan.FromSeconds(10));
        var settle = new Option<int>("--settle") { Description = "Seconds to wait after the load for every order to end and every outbox to drain.", DefaultValueFactory = _ => 60, HelpName = "seconds" };
        settle.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 600) r.AddError("--settle needs a whole number of seconds from 1 to 600."); });

        var command = new Command(name, description);
        foreach (var symbol in extra)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        }
        options.AddTo(command);
        foreach (var option in new Option[] { faultAt, faultDuration, settle, environment }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var duration = result.GetValue(options.Duration);
            if (result.GetResult(faultAt) is not null && result.GetValue(faultAt) >= duration)
                result.AddError("--fault-at must be before the end of --duration.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            var experiment = make(parse);
            var duration = parse.GetValue(options.Duration);
            var request = new ChaosRequest(
                experiment,
                parse.GetValue(options.Gateway)!,
                options.LoadScenario(parse),
                parse.GetValue(options.Rate),
                duration,
                parse.GetResult(faultAt) is null ? duration / 4 : parse.GetValue(faultAt),
                parse.GetValue(faultDuration),
                TimeSpan.FromSeconds(parse.GetValue(settle)),
                parse.GetValue(options.Connections),
                parse.GetValue(options.MaxInFlight),
                LoadCommand.OutputFolder(workspace, parse.GetValue(options.Output), "chaos"));
            var report = await ChaosRun.RunAsync(workspace, context, request, cancellationToken);
            return report.InvariantsHeld ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
