using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Mosaic.Identity.Accounts;
using Mosaic.Identity.Data;
using Mosaic.Identity.Domain;
using Mosaic.Platform.Data;

namespace Mosaic.Identity.Admin;

/// <summary>
/// Creates an admin, or makes an existing user one, straight in identity's database, before (or
/// while) the service runs. It reads the same configuration as the service (<c>Mosaic__StateDirectory</c>,
/// <c>ConnectionStrings__identity</c>, ...) and applies the same migrations first. Prints one sentence;
/// exit code 0 on success, 2 for bad input, 1 when the database cannot be used.
/// </summary>
public static class AdminTool
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var (command, usageProblem) = AdminCommandLine.Parse(args);
        if (command is null) return Refuse(usageProblem!);
        if (!EmailAddress.TryParse(command.Email, out var email, out var emailProblem)) return Refuse(emailProblem);
        if (!DisplayName.TryParse(command.DisplayName ?? email.LocalPart, out var displayName, out var nameProblem)) return Refuse(nameProblem);

        try
        {
            await using var services = BuildServices();
            await using var scope = services.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();

            if (await accounts.FindAsync(email, CancellationToken.None) is { } existing)
                return await PromoteAsync(accounts, existing, email);

            // Only a new account needs a password: an existing user keeps theirs.
            var given = command.Password ?? ReadPasswordFromInput();
            var password = given ?? PasswordGenerator.Generate(email);
            if (PasswordPolicy.Check(password, email) is { } passwordProblem) return Refuse(passwordProblem);

            var created = await accounts.CreateAsync(email, displayName, password, UserRoles.Admin, CancellationToken.None);
            if (created is null)
                return await PromoteAsync(accounts, (await accounts.FindAsync(email, CancellationToken.None))!, email);

            Console.Out.WriteLine(given is null ? $"Created admin {email} with password: {password}" : $"Created admin {email}.");
            return Ok;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Could not use identity's database ({e.Message}); check Mosaic__StateDirectory or ConnectionStrings__identity.");
            return Failed;
        }
    }

    private static async Task<int> PromoteAsync(UserAccounts accounts, User user, EmailAddress email)
    {
        await accounts.PromoteToAdminAsync(user, CancellationToken.None);
        Console.Out.WriteLine($"{email} is now an admin.");
        return Ok;
    }

    /// <summary>One line from standard input when something is piped in, so a password need not appear in the process list.</summary>
    private static string? ReadPasswordFromInput()
    {
        if (!Console.IsInputRedirected) return null;
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static WebApplication BuildServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // The one sentence this command prints is its whole output.
        builder.Logging.ClearProviders();
        builder.Configuration["Mosaic:Service"] = Program.ServiceName;
        builder.AddMosaicDatabase<IdentityDbContext>();
        builder.Services.AddAccounts(builder.Configuration);
        return builder.Build();
    }

    private static int Refuse(string problem)
    {
        Console.Error.WriteLine(problem);
        return BadInput;
    }
}
