using System.Security.Cryptography;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Admin;

/// <summary>A random password for an admin created without one: 20 letters and digits, about 119 bits.</summary>
public static class PasswordGenerator
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int Length = 20;

    public static string Generate(EmailAddress email)
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, Length);
            // A draw without a digit (or, vanishingly rarely, with the email's local part) breaks the policy: draw again.
            if (PasswordPolicy.Check(password, email) is null) return password;
        }
    }
}
