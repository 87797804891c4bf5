using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Environments;

/// <summary>A temporary checkout with services payments and orders, their schemas, and helpers to write environment files.</summary>
internal sealed class EnvironmentFixture : IDisposable
{
    public const string PaymentsSchema = """
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "Payments": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "Provider": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["Currency"],
                  "properties": {
                    "Currency": { "type": "string", "pattern": "^[A-Z]{3}$" },
                    "ApiKey": { "type": "string", "x-secret": true },
                    "MaxAttempts": { "type": "integer", "minimum": 1, "maximum": 10 },
                    "Timeout": { "type": "string", "format": "duration", "x-minimum": "00:00:01", "x-maximum": "00:05:00" },
                    "Mode": { "type": "string", "enum": ["Live", "Sandbox"] },
                    "Enabled": { "type": "boolean" },
                    "Ratio": { "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                    "Name": { "type": "string", "minLength": 2, "maxLength": 10 },
                    "Hosts": { "type": "array", "items": { "type": "string" } }
                  }
                }
              }
            }
          }
        }
        """;

    public const string OrdersSchema = """
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "Orders": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "Currency": { "type": "string" },
                "SigningKey": { "type": "string", "x-secret": true },
                "Limit": { "type": "integer" }
              }
            }
          }
        }
        """;

    /// <summary>A base.yaml for both services, with a shared value and a secret each.</summary>
    public const string Base = """
        shared:
          currency: EUR
        services:
          payments:
            Payments:
              Provider:
                Currency: ${shared.currency}
                ApiKey: ${secret.provider-key}
                MaxAttempts: 3
          orders:
            Orders:
              Currency: ${shared.currency}
              SigningKey: ${secret.orders-signing}
              Limit: 5
        """;

    public EnvironmentFixture(bool withSchemas = true)
    {
        Workspace = TempWorkspace.WithServices("payments", "orders");
        if (!withSchemas) return;
        Write("contracts/config/payments.schema.json", PaymentsSchema);
        Write("contracts/config/orders.schema.json", OrdersSchema);
    }

    public TempWorkspace Workspace { get; }

    public string Root => Workspace.Root;

    public Dictionary<string, string> Variables => Workspace.Variables;

    public Func<string, string?> Variable => name => Variables.GetValueOrDefault(name);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>A key for <paramref name="environment"/> in its MOSAIC_ENV_KEY_ variable, as CI would give it.</summary>
    public void GiveKey(string environment) =>
        Variables[EnvironmentKeys.VariableName(environment)] =
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Stores a secret the way <c>env secret set</c> does, with the environment's key.</summary>
    public void SetSecret(string environment, string name, string value)
    {
        var store = SecretStore.Read(new WorkingTreeSource(Root), environment);
        store.Set(new EnvironmentKeys(Root, Variable).Require(environment), name, new Secret(value));
        store.Save(Root);
    }

    public Task<int> RunAsync(params string[] args) => Workspace.RunAsync(args);

    public string Output => Workspace.AllOutput;

    public void ClearOutput()
    {
        Workspace.Out.GetStringBuilder().Clear();
        Workspace.Error.GetStringBuilder().Clear();
    }

    public void Dispose() => Workspace.Dispose();
}
