using System.CommandLine;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Commands.Policy;

/// <summary>
/// <c>mosaic policy render networkpolicy|rabbitmq</c>: the policy compiled for the enforcement points outside
/// the services — Kubernetes NetworkPolicies, and RabbitMQ users with their permissions.
/// </summary>
public static class PolicyRenderCommand
{
    public static Command Create(CliContext context) => new("render", "Render the policy for an enforcement point: Kubernetes NetworkPolicies or RabbitMQ users and permissions.")
    {
        NetworkPolicy(context),
        RabbitMq(context),
    };

    private static Command NetworkPolicy(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var @namespace = new Option<string?>("--namespace", "-n")
        {
            Description = "The Kubernetes namespace the system runs in (default: mosaic-ENVIRONMENT).",
            HelpName = "name",
        };
        @namespace.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !KubernetesNames.IsNamespace(value))
                result.AddError($"'{value}' is not a Kubernetes namespace name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        });
        var output = Output("The file to write the YAML to (default: standard output).");
        var command = new Command("networkpolicy", "Kubernetes NetworkPolicies (networking.k8s.io/v1) as multi-document YAML: deny everything, then allow what the policy implies.")
        {
            environment, @namespace, output,
        };
        command.SetAction(parse =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            var inputs = PolicyInputs.Load(workspace);
            var target = parse.GetValue(@namespace) ?? BrokerPermissions.VirtualHost(workspace.Environment);
            var renderer = new NetworkPolicyRenderer(inputs.Manifest, inputs.Policy, target);
            var policies = renderer.Render();
            var yaml = NetworkPolicyYaml.Write(policies, inputs.Manifest.Name, target, renderer.CallersWithoutPods());
            Emit(context.Output, yaml, parse.GetValue(output), secret: false, $"{policies.Count} NetworkPolicies for namespace {target}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RabbitMq(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var output = Output("The file to write the definitions to (default: standard output).");
        var passwords = new Option<FileInfo?>("--passwords")
        {
            Description = "A JSON file {\"SERVICE\": \"password\", ...}: render those users with the password's salted hash (the passwords themselves are never written).",
            HelpName = "file",
        };
        var command = new Command("rabbitmq", "RabbitMQ definitions (for rabbitmqctl import_definitions): a user per service that publishes or consumes, with only the permissions the policy gives it.")
        {
            environment, output, passwords,
        };
        command.SetAction(parse =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            var inputs = PolicyInputs.Load(workspace);
            var services = BrokerPermissions.For(inputs.Policy, inputs.Manifest, workspace.Environment);
            var given = parse.GetValue(passwords) is { } file ? ReadPasswords(file, services) : new Dictionary<string, string>(StringComparer.Ordinal);
            var definitions = new BrokerDefinitions(BrokerPermissions.VirtualHost(workspace.Environment));
            foreach (var service in services) definitions.AddService(service, given.GetValueOrDefault(service.Service));

            Emit(context.Output, definitions.ToJson(), parse.GetValue(output), secret: given.Count > 0,
                $"RabbitMQ definitions for virtual host {definitions.VirtualHost}: {services.Count} service users");
            var withoutPassword = services.Where(s => !given.ContainsKey(s.Service)).Select(s => s.User).ToList();
            if (withoutPassword.Count > 0)
                context.Output.Remark(
                    $"No password for {string.Join(", ", withoutPassword)}: no password opens them until you set one (rabbitmqctl change_password USER, or the management API), "
                    + "or render with --passwords FILE. Importing definitions without a password clears a password set since.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<FileInfo?> Output(string description) => new("--output", "-o") { Description = description, HelpName = "file" };

    /// <summary>To standard output, or to the file (owner-only when it holds password hashes) with one line saying so.</summary>
    private static void Emit(ConsoleOutput output, string text, FileInfo? file, bool secret, string what)
    {
        if (file is null)
        {
            output.Line(text.TrimEnd('\n'));
            return;
        }
        try
        {
            if (secret) PrivateFile.Write(file.FullName, text);
            else File.WriteAllText(file.FullName, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write {file.FullName} ({e.Message}): choose a file in a folder that exists and you may write to.", e);
        }
        output.Line($"Wrote {what} to {file.FullName}.");
    }

    private static Dictionary<string, string> ReadPasswords(FileInfo file, IReadOnlyList<BrokerPermissions> services)
    {
        Dictionary<string, string>? passwords;
        try
        {
            passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the passwords in {file.FullName} ({e.Message}).", e);
        }
        catch (JsonException e)
        {
            // The message of a JSON error can quote the text, and the text holds passwords: name the place only.
            throw new CliException($"{file.FullName} is not a JSON object of service names and passwords{(e.LineNumber is { } line ? $" (line {line + 1})" : "")}: write it like {{\"orders\": \"…\", \"catalog\": \"…\"}}.", e);
        }
        if (passwords is null)
            throw new CliException($"{file.FullName} is not a JSON object of service names and passwords: write it like {{\"orders\": \"…\", \"catalog\": \"…\"}}.");
        var known = services.Select(s => s.Service).ToHashSet(StringComparer.Ordinal);
        foreach (var (service, password) in passwords)
        {
            if (!known.Contains(service))
                throw new CliException($"{file.FullName} names '{service}', which has no broker user: the services that publish or consume events are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            if (string.IsNullOrEmpty(password))
                throw new CliException($"{file.FullName} gives '{service}' an empty password: give it one, or leave it out to render its user without one.");
        }
        return new Dictionary<string, string>(passwords, StringComparer.Ordinal);
    }
}
