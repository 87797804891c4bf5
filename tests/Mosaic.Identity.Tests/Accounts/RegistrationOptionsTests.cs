using System.ComponentModel.DataAnnotations;
using Mosaic.Identity.Accounts;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Tests.Accounts;

public sealed class RegistrationOptionsTests
{
    [Fact]
    public void A_configured_admin_email_matches_in_any_letter_case()
    {
        var options = new RegistrationOptions { AdminEmails = { " Boss@Example.com " } };
        Assert.Equal(UserRoles.Admin, options.RoleFor(EmailAddress.Parse("boss@example.COM")));
        Assert.Equal(UserRoles.Customer, options.RoleFor(EmailAddress.Parse("worker@example.com")));
    }

    [Fact]
    public void A_configured_admin_email_that_is_not_an_address_fails_validation_naming_its_position()
    {
        var options = new RegistrationOptions { AdminEmails = { "boss@example.com", "boss" } };
        var errors = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains("Identity:AdminEmails:1", Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
    }
}
