using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Commands.Demo;

/// <summary><c>mosaic demo</c>: a scripted shopper journey through the gateway of a running system.</summary>
public static class DemoCommand
{
    public static readonly Uri DefaultGateway = new("http://127.0.0.1:8080");

    public static Command Create(CliContext context)
    {
        var gateway = new Option<Uri>("--gateway")
        {
            Description = "The gateway to send the shopper through.",
            DefaultValueFactory = _ => DefaultGateway,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"--gateway needs an absolute http:// or https:// URL, for example {DefaultGateway.ToString().TrimEnd('/')}; '{text}' is not one.");
                return null;
            },
            HelpName = "url",
        };
        var orderTimeout = new Option<int>("--order-timeout")
        {
            Description = "How long to follow each order until it is Confirmed or Cancelled, in seconds.",
            DefaultValueFactory = _ => (int)OrderWatch.DefaultBound.TotalSeconds,
            HelpName = "seconds",
        };
        orderTimeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600) result.AddError("--order-timeout needs a whole number of seconds from 1 to 3600.");
        });
        var command = new Command("demo", "Walk a scripted shopper through the gateway: register, log in, browse, search, open a product, place orders and follow them.")
        {
            gateway,
            orderTimeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(gateway)!, context.Output, OrderWatch.For(TimeSpan.FromSeconds(parse.GetValue(orderTimeout))), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Uri gateway, ConsoleOutput output, OrderWatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        output.Line($"A shopper visits {gateway.ToString().TrimEnd('/')}:");
        try
        {
            await new ShopperJourney(new GatewayClient(http, gateway), output, watch, TimeProvider.System).RunAsync(cancellationToken);
        }
        catch (DemoStepFailedException e)
        {
            output.Failure(e.Message);
            return ExitCodes.Failure;
        }
        output.Success("The shopper journey went through.");
        return ExitCodes.Success;
    }
}
