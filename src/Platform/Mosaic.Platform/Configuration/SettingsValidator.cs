using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Mosaic.Platform.Configuration;

/// <summary>What is wrong with one configuration key, in a sentence that never repeats a secret's value.</summary>
public sealed record SettingsProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}

/// <summary>
/// Binds every declared options type from a configuration and checks it as the service would at
/// start: values that do not convert to the property's type, then the DataAnnotations and
/// <see cref="IValidatableObject"/> rules. Each problem names the full configuration key.
/// </summary>
public static class SettingsValidator
{
    public static IReadOnlyList<SettingsProblem> Validate(IConfiguration configuration, IEnumerable<SettingsDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<SettingsProblem>();
        foreach (var declaration in declarations)
        {
            var section = configuration.GetSection(declaration.Section);
            var before = problems.Count;
            CheckConversions(section, declaration.OptionsType, problems);
            if (problems.Count > before) continue;

            var options = Activator.CreateInstance(declaration.OptionsType)!;
            section.Bind(options);
            CheckRules(options, declaration.Section, problems);
        }
        return problems;
    }

    /// <summary>The object's own rules, then those of the settings objects inside it, as the schema nests them.</summary>
    private static void CheckRules(object options, string path, List<SettingsProblem> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            problems.Add(new SettingsProblem(members.Count == 0 ? path : $"{path}:{members[0]}", result.ErrorMessage ?? "is not valid."));
        }
        foreach (var property in SettingsProperties.Of(options.GetType()))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (SettingsProperties.IsScalar(type) || typeof(IEnumerable).IsAssignableFrom(type) || type.IsValueType) continue;
            if (property.GetValue(options) is { } nested) CheckRules(nested, $"{path}:{property.Name}", problems);
        }
    }

    /// <summary>Every value that is present must convert to its property's type; a missing one keeps the default.</summary>
    private static void CheckConversions(IConfigurationSection section, Type type, List<SettingsProblem> problems)
    {
        foreach (var property in SettingsProperties.Of(type))
        {
            var child = section.GetSection(property.Name);
            CheckValue(child, property.PropertyType, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<SettingsProblem> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (SettingsProperties.IsScalar(target))
        {
            if (section.Value is not { } text) return;
            if (text.Length == 0)
            {
                // The binder cannot make an empty string into a number, a duration or a flag: it fails when the options are first read.
                if (target != typeof(string) && target != typeof(Secret)) problems.Add(new SettingsProblem(section.Path, "is empty; give a value or leave the key out."));
                return;
            }
            if (!Converts(text, target))
                // The value itself is not repeated: this sentence goes to logs, and the value may be something that should not.
                problems.Add(new SettingsProblem(section.Path, $"is not a valid {SettingsProperties.Describe(target)}."));
            return;
        }
        if (SettingsProperties.ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren()) CheckValue(item, element, problems);
            return;
        }
        if (SettingsProperties.DictionaryValueType(target) is { } value)
        {
            foreach (var item in section.GetChildren()) CheckValue(item, value, problems);
            return;
        }
        if (section.Value is { Length: > 0 })
        {
            problems.Add(new SettingsProblem(section.Path, "is a section with settings of its own, not a single value."));
            return;
        }
        if (!typeof(IEnumerable).IsAssignableFrom(target)) CheckConversions(section, target, problems);
    }

    private static bool Converts(string text, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }
}
