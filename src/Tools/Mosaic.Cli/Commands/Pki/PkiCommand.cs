using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Pki;
using Mosaic.Platform.Certificates;

namespace Mosaic.Cli.Commands.Pki;

/// <summary><c>mosaic pki</c>: the environment's certificate authority by hand: list, issue, revoke.</summary>
public static class PkiCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("pki", "The environment's service identities: its certificate authority under .mosaic/ENV/pki/ (mosaic up issues and renews them by itself).")
        {
            List(context),
            Issue(context),
            Revoke(context),
        };
        return command;
    }

    private static Command List(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var command = new Command("list", "Show each identity's SPIFFE ID, serial number and expiry.") { environment };
        command.SetAction(parse =>
        {
            var pki = Open(context, parse.GetValue(environment)!);
            using var authority = pki.Authority();
            var revoked = File.Exists(pki.Directory.RevocationList)
                ? RevocationList.Parse(File.ReadAllBytes(pki.Directory.RevocationList), authority.Certificate)
                : RevocationList.Empty;
            foreach (var name in pki.Identities)
            {
                var path = pki.Directory.CertificateOf(name);
                if (!File.Exists(path))
                {
                    context.Output.Line($"{name,-18} no certificate yet");
                    continue;
                }
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
                var state = revoked.IsRevoked(certificate) ? "REVOKED" : certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow ? "EXPIRED" : "valid";
                context.Output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-18} {pki.IdOf(name),-48} serial {certificate.SerialNumber} until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z {state}"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Issue(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var name = new Argument<string>("name") { Description = "A service in mosaic.yaml, or mosaic." };
        var lifetime = new Option<TimeSpan>("--lifetime")
        {
            Description = "How long the certificate is valid, as hh:mm:ss or d.hh:mm:ss.",
            DefaultValueFactory = _ => EnvironmentPki.DefaultLifetime,
        };
        var command = new Command("issue", "Issue NAME a new certificate now (the running services pick it up within seconds).") { name, environment, lifetime };
        command.SetAction(parse =>
        {
            var pki = Open(context, parse.GetValue(environment)!);
            var who = Known(pki, parse.GetValue(name)!);
            var span = parse.GetValue(lifetime);
            if (span <= TimeSpan.Zero) throw new CliException("--lifetime must be positive, for example 24:00:00.");
            using var certificate = pki.Issue(who, span);
            context.Output.Success(string.Create(CultureInfo.InvariantCulture,
                $"issued {pki.IdOf(who)} serial {certificate.SerialNumber}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var name = new Argument<string>("name") { Description = "A service in mosaic.yaml, or mosaic." };
        var command = new Command("revoke", "Revoke NAME's current certificate: every service refuses it from the next connection or request on.") { name, environment };
        command.SetAction(parse =>
        {
            var pki = Open(context, parse.GetValue(environment)!);
            var who = Known(pki, parse.GetValue(name)!);
            var serial = pki.Revoke(who);
            context.Output.Success($"revoked {who}'s certificate {serial}; mosaic up issues it a new one at its next check (within a minute), or ./mosaic pki issue {who} does now.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static EnvironmentPki Open(CliContext context, string environment)
    {
        var workspace = context.Workspace(environment);
        return new EnvironmentPki(workspace, workspace.LoadManifest(), TimeProvider.System);
    }

    private static string Known(EnvironmentPki pki, string name) =>
        pki.Identities.Contains(name, StringComparer.Ordinal)
            ? name
            : throw new CliException($"'{name}' is not an identity of this system; use one of {string.Join(", ", pki.Identities)}.");
}
