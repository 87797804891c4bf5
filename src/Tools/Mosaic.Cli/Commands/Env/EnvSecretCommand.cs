using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env secret set|get|rotate|list</c>: an environment's secret store. <c>get</c> is the one command that prints a value.</summary>
internal static class EnvSecretCommand
{
    public static Command Create(CliContext context) =>
        new("secret", "Set, read, rotate and list an environment's encrypted secrets.")
        {
            Set(context), Get(context), Rotate(context), List(context),
        };

    private static Command Set(CliContext context)
    {
        var (name, environment) = (NameArgument(), Environment());
        var generate = new Option<bool>("--generate") { Description = "Store 32 random bytes (base64url) instead of reading the value from standard input." };
        var command = new Command("set", "Encrypt a value into the environment's store: read from standard input (pipe it in, or type it and end with Ctrl+D), or generated with --generate.") { name, environment, generate };
        command.SetAction(parse =>
        {
            var (secret, env) = (parse.GetValue(name)!, parse.GetValue(environment)!);
            var value = parse.GetValue(generate) ? Secret.Generate() : ReadValue(context.Input, secret, env);
            var checkout = new EnvCheckout(context);
            var store = checkout.Secrets(env);
            store.Set(checkout.Keys.Require(env), secret, value);
            store.Save(checkout.Root);
            context.Output.Success($"set secret '{secret}' in {store.RelativePath}{(store.GeneratesOnDemand ? " (dev's stay on this machine)" : "; commit that file")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliContext context)
    {
        var (name, environment) = (NameArgument(), Environment());
        var command = new Command("get", "Print a secret's value: the one command that reveals one.") { name, environment };
        command.SetAction(parse =>
        {
            var (secret, env) = (parse.GetValue(name)!, parse.GetValue(environment)!);
            var checkout = new EnvCheckout(context);
            context.Output.Line(checkout.Secrets(env).Decrypt(checkout.Keys.Require(env), secret).Reveal());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var (name, environment) = (NameArgument(), Environment());
        var command = new Command("rotate", "Replace a secret with a new random value, printing nothing of it.") { name, environment };
        command.SetAction(parse =>
        {
            var (secret, env) = (parse.GetValue(name)!, parse.GetValue(environment)!);
            var checkout = new EnvCheckout(context);
            var store = checkout.Secrets(env);
            if (store.Stored(secret) is null) throw new CliException(store.NotSet(secret));
            store.Set(checkout.Keys.Require(env), secret, Secret.Generate());
            store.Save(checkout.Root);
            context.Output.Success($"rotated secret '{secret}' in {store.RelativePath}: services receive the new value when their slices are rendered again.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var environment = Environment();
        var command = new Command("list", "List the names of an environment's secrets (never their values).") { environment };
        command.SetAction(parse =>
        {
            var store = new EnvCheckout(context).Secrets(parse.GetValue(environment)!);
            foreach (var name in store.Names) context.Output.Line(name);
            if (!store.Names.Any()) context.Output.Line($"no secrets in {store.RelativePath}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Secret ReadValue(TextReader input, string name, string environment)
    {
        var value = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected ? ReadUnseen(name) : input.ReadToEnd().TrimEnd('\r', '\n');
        return value.Length > 0
            ? new Secret(value)
            : throw new CliException($"no value on standard input: pipe it in (printf %s VALUE | ./mosaic env secret set {name} --env {environment}) or pass --generate.");
    }

    /// <summary>Typed at a terminal: read key by key without echo, so the value is never on the screen or in its scrollback.</summary>
    private static string ReadUnseen(string name)
    {
        Console.Error.Write($"Value of secret '{name}' (not shown; Enter to finish): ");
        var value = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (value.Length > 0) value.Length--; }
            else if (!char.IsControl(key.KeyChar)) value.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return value.ToString();
    }

    private static Argument<string> NameArgument()
    {
        var name = new Argument<string>("name") { Description = "The secret's name, as ${secret.NAME} references it." };
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !ValueReference.IsName(value))
                result.AddError($"'{value}' is not a secret name: use letters, digits, '_', '.' and '-'.");
        });
        return name;
    }

    private static Option<string> Environment() => EnvOptions.RequiredEnvironment("The environment whose secrets to use.");
}
