using System.Diagnostics.CodeAnalysis;

namespace Mosaic.Identity.Domain;

/// <summary>The name shown for a user: trimmed, 1 to 100 characters, no control characters.</summary>
public sealed class DisplayName
{
    public const int MaxLength = 100;

    private DisplayName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out DisplayName? name, [NotNullWhen(false)] out string? problem)
    {
        name = null;
        var value = input?.Trim() ?? "";
        problem = value switch
        {
            { Length: 0 } => "Enter a display name.",
            { Length: > MaxLength } => $"A display name can have at most {MaxLength} characters.",
            _ when value.Any(char.IsControl) => "A display name cannot contain control characters such as line breaks.",
            _ => null,
        };
        if (problem is not null) return false;
        name = new DisplayName(value);
        return true;
    }

    public static DisplayName Parse(string? input) =>
        TryParse(input, out var name, out var problem) ? name : throw new FormatException(problem);

    public override string ToString() => Value;
}
