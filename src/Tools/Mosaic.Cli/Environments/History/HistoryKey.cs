using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Environments.History;

/// <summary>What <c>env history</c> follows: <c>service:Section:Key</c>, <c>shared.NAME</c> or <c>secret.NAME</c>.</summary>
public abstract record HistoryKey(string Text)
{
    /// <summary>Whether the value is a secret's stored form, which is compared but never shown.</summary>
    public virtual bool IsSecret => false;

    /// <summary>The key's value in an environment read from <paramref name="source"/>; null when it has none.</summary>
    public abstract string? ValueIn(IEnvironmentSource source, string environment);

    public static HistoryKey Parse(string text)
    {
        if (text.StartsWith(ValueReference.Shared + ".", StringComparison.Ordinal)) return new SharedKey(text, text[(ValueReference.Shared.Length + 1)..]);
        if (text.StartsWith(ValueReference.Secret + ".", StringComparison.Ordinal)) return new SecretKey(text, text[(ValueReference.Secret.Length + 1)..]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < text.Length - 1) return new ServiceKey(text, text[..colon], text[(colon + 1)..]);
        throw new CliException($"'{text}' is not a key env history follows: use service:Section:Key, shared.NAME or secret.NAME.");
    }

    private sealed record ServiceKey(string Text, string Service, string Key) : HistoryKey(Text)
    {
        public override string? ValueIn(IEnvironmentSource source, string environment) =>
            EvaluatedEnvironment.Evaluate(source, environment).Flatten(Service)
                .FirstOrDefault(e => string.Equals(e.Key, Key, StringComparison.OrdinalIgnoreCase))?.Display;
    }

    private sealed record SharedKey(string Text, string Name) : HistoryKey(Text)
    {
        public override string? ValueIn(IEnvironmentSource source, string environment) =>
            EvaluatedEnvironment.Evaluate(source, environment).Shared.Find(Name) switch
            {
                ConfigScalar scalar => scalar.Value,
                ConfigList list => Editing.YamlScalarText.FormatList(FlatEntry.Flatten(list).Select(e => e.Display)),
                _ => null,
            };
    }

    private sealed record SecretKey(string Text, string Name) : HistoryKey(Text)
    {
        public override bool IsSecret => true;

        public override string? ValueIn(IEnvironmentSource source, string environment) =>
            environment == EnvironmentPaths.Development
                ? throw new CliException($"dev's secrets live only on this machine ({EnvironmentPaths.SecretStore(environment)}), so git has no history of them; name another environment with --env.")
                : SecretStore.Read(source, environment).Stored(Name);
    }
}
