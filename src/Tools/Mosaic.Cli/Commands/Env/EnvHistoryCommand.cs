using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.History;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env history KEY</c>: the commits that changed a key's effective value, and from what to what.</summary>
internal static class EnvHistoryCommand
{
    private const string NotSet = "(not set)";

    public static Command Create(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "service:Section:Key, shared.NAME or secret.NAME." };
        var environment = EnvOptions.Environment("The environment whose effective value to follow.");
        var command = new Command("history", "List the commits that changed a key's effective value in an environment, oldest first; a secret only shows that it changed.")
        {
            key, environment,
        };
        command.SetAction(parse =>
        {
            var (text, name) = (parse.GetValue(key)!, parse.GetValue(environment)!);
            var historyKey = HistoryKey.Parse(text);
            var changes = new ValueHistory(new EnvCheckout(context).Root).Follow(historyKey, name);
            if (changes.Count == 0)
            {
                context.Output.Line($"{text} never had a value in '{name}' in the commits that touched environments/.");
                return ExitCodes.Success;
            }
            foreach (var change in changes)
                context.Output.Line($"{change.Date}  {change.Author}  {change.Commit}  {change.Subject}: {Change(change, historyKey.IsSecret)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Change(ValueChange change, bool secret) => (secret, change.From, change.To) switch
    {
        (true, null, _) => "secret set",
        (true, _, null) => "secret removed",
        (true, _, _) => "secret changed",
        _ => $"{change.From ?? NotSet} → {change.To ?? NotSet}",
    };
}
