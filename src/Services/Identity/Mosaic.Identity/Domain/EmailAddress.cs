using System.Diagnostics.CodeAnalysis;

namespace Mosaic.Identity.Domain;

/// <summary>
/// An email address as accounts are keyed by: trimmed and lower-cased, so "Ann@Example.com" and
/// "ann@example.com" are one account. Stricter than RFC 5322 on purpose: no quoted local parts,
/// no comments, no IP-literal domains, ASCII only (a punycode "xn--" domain is fine).
/// </summary>
public sealed class EmailAddress
{
    public const int MaxLength = 254;
    public const int LocalPartMaxLength = 64;
    public const string Invalid = "Enter an email address like name@example.com.";

    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~-.";

    private EmailAddress(string value)
    {
        Value = value;
        LocalPart = value[..value.IndexOf('@', StringComparison.Ordinal)];
    }

    /// <summary>The normalized address.</summary>
    public string Value { get; }

    /// <summary>The part before the @.</summary>
    public string LocalPart { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out EmailAddress? email, [NotNullWhen(false)] out string? problem)
    {
        email = null;
        var value = input?.Trim().ToLowerInvariant() ?? "";
        problem = value.Length switch
        {
            0 => "Enter an email address.",
            > MaxLength => $"An email address can have at most {MaxLength} characters.",
            _ => null,
        };
        if (problem is not null) return false;

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || !IsLocalPart(value[..at]) || !IsDomain(value[(at + 1)..]))
        {
            problem = Invalid;
            return false;
        }
        email = new EmailAddress(value);
        return true;
    }

    public static EmailAddress Parse(string? input) =>
        TryParse(input, out var email, out var problem) ? email : throw new FormatException(problem);

    public override string ToString() => Value;

    public override bool Equals(object? obj) => obj is EmailAddress other && other.Value == Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    private static bool IsLocalPart(string local) =>
        local.Length <= LocalPartMaxLength
        && local[0] != '.' && local[^1] != '.'
        && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal));

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        // A dotless host ("localhost") cannot receive mail from the outside world.
        return labels.Length >= 2
            && labels.All(l => l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && labels[^1].Length >= 2 && !labels[^1].All(char.IsAsciiDigit);
    }
}
