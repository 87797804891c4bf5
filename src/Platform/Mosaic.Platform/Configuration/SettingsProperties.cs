using System.Reflection;

namespace Mosaic.Platform.Configuration;

/// <summary>How the configuration binder sees an options type: which properties it fills, and which of them are single values.</summary>
internal static class SettingsProperties
{
    public static IEnumerable<PropertyInfo> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            // The binder sets writable properties, and fills collections and objects exposed read-only.
            .Where(p => p.SetMethod is { IsPublic: true } || !IsScalar(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .OrderBy(p => p.MetadataToken);

    public static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(Secret);

    /// <summary>The element type of a list or array the binder fills, else null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType || DictionaryValueType(type) is not null) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            || definition == typeof(ICollection<>) || definition == typeof(IEnumerable<>) || definition == typeof(HashSet<>) || definition == typeof(ISet<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The value type of a dictionary keyed by string, else null.</summary>
    public static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>)) return null;
        var arguments = type.GetGenericArguments();
        return arguments[0] == typeof(string) ? arguments[1] : null;
    }

    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "duration ([d.]hh:mm:ss)",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
        _ when type.IsEnum => $"value (one of {string.Join(", ", Enum.GetNames(type))})",
        _ => type.Name,
    };
}
