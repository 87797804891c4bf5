using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Commands.Demo;
using Mosaic.Cli.Load;
using Mosaic.Cli.Load.Scenarios;

namespace Mosaic.Cli.Commands.Load;

/// <summary>The options <c>mosaic load</c> and <c>mosaic chaos</c> share, defined once so they read and check the same.</summary>
public sealed class LoadOptions
{
    public Option<double> Rate { get; }

    public Option<TimeSpan> Duration { get; }

    public Option<string?> ScenarioPath { get; } = new("--scenario")
    {
        Description = "A YAML scenario file (see the README's 'Scenario files'); by default the shop mix of browse, product detail, place order and order status.",
        HelpName = "file",
    };

    public Option<int?> Users { get; } = new("--users")
    {
        Description = "Logged-in users to spread the requests over (default: the scenario's, 20 for the shop mix).",
        HelpName = "count",
    };

    public Option<int> Connections { get; } = new("--connections")
    {
        Description = "Connections to the gateway; requests beyond them wait for one, and that wait counts in their latency.",
        DefaultValueFactory = _ => 64,
        HelpName = "count",
    };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight")
    {
        Description = "Requests outstanding at once before due starts are dropped (and counted) because the generator cannot keep up.",
        DefaultValueFactory = _ => LoadLimits.DefaultMaxInFlight,
        HelpName = "count",
    };

    public Option<Uri> Gateway { get; } = new("--gateway")
    {
        Description = "The gateway to send the load through.",
        DefaultValueFactory = _ => DemoCommand.DefaultGateway,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"--gateway needs an absolute http:// URL, for example {DemoCommand.DefaultGateway.ToString().TrimEnd('/')}; '{text}' is not one.");
            return null;
        },
        HelpName = "url",
    };

    public Option<string?> Output { get; } = new("--output")
    {
        Description = "Folder for report.json, report.md and report.html (default .mosaic/ENVIRONMENT/load/TIME).",
        HelpName = "folder",
    };

    public LoadOptions(double rate = 100, int durationSeconds = 30)
    {
        Rate = RateOption("--rate", "Requests started per second, whatever the responses do (an open model).", rate);
        Duration = DurationOption("--duration", "How long to send, like 60s, 500ms or 2m.", TimeSpan.FromSeconds(durationSeconds));
        Users.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1 or > 10_000) r.AddError("--users needs a whole number from 1 to 10000."); });
        Connections.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 10_000) r.AddError("--connections needs a whole number from 1 to 10000."); });
        MaxInFlight.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000) r.AddError("--max-in-flight needs a whole number from 1 to 1000000."); });
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Rate, Duration, ScenarioPath, Users, Connections, MaxInFlight, Gateway, Output }) command.Options.Add(option);
    }

    public Scenario LoadScenario(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var scenario = parse.GetValue(ScenarioPath) is { } file ? ScenarioFile.Load(file) : Scenario.ShopMix;
        return parse.GetValue(Users) is { } users ? scenario with { Users = users } : scenario;
    }

    public static Option<double> RateOption(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && rate <= LoadLimits.MaxRate) return rate;
            result.AddError($"{name} needs a rate in requests per second above 0 and at most {LoadLimits.MaxRate}; '{text}' is not one.");
            return 0;
        },
        HelpName = "per-second",
    };

    public static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (LoadDuration.TryParse(text, out var duration) && duration <= LoadLimits.MaxDuration) return duration;
            result.AddError($"{name} needs a time like 60s, 500ms or 2m (at most 1 hour); '{text}' is not one.");
            return TimeSpan.Zero;
        },
        HelpName = "time",
    };
}
