using System.ComponentModel.DataAnnotations;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Accounts;

/// <summary>Configuration section <c>Identity</c>: who becomes what on registration.</summary>
public sealed class RegistrationOptions : IValidatableObject
{
    public const string Section = "Identity";

    /// <summary>Whoever registers with one of these addresses (any letter case) is an admin.</summary>
    public IList<string> AdminEmails { get; } = [];

    public string RoleFor(EmailAddress email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return AdminEmails.Any(configured => EmailAddress.TryParse(configured, out var admin, out _) && admin.Equals(email))
            ? UserRoles.Admin
            : UserRoles.Customer;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AdminEmails.Count; i++)
        {
            if (!EmailAddress.TryParse(AdminEmails[i], out _, out var problem))
                yield return new ValidationResult($"Identity:AdminEmails:{i} ('{AdminEmails[i]}'): {problem}", [nameof(AdminEmails)]);
        }
    }
}
