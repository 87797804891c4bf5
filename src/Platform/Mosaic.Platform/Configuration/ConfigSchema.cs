using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// A service's declared settings as JSON Schema, the contract <c>mosaic env validate</c> checks the
/// environment files against before anything runs (format: docs/adr/0007-environments.md).
/// </summary>
public static class ConfigSchema
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Generate(string service, IEnumerable<SettingsDeclaration> declarations)
    {
        var root = ObjectNode();
        root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        root.Insert(1, "$id", $"mosaic:config/{service}");
        root.Insert(2, "title", $"Configuration of {service}");
        foreach (var declaration in declarations.OrderBy(d => d.Section, StringComparer.OrdinalIgnoreCase))
        {
            var node = root;
            foreach (var part in declaration.Section.Split(':'))
                node = Child(node, part);
            Describe(node, declaration.OptionsType, []);
        }
        return root.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static JsonObject ObjectNode() => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject(),
    };

    private static JsonObject Child(JsonObject parent, string name)
    {
        var properties = (JsonObject)parent["properties"]!;
        if (properties[name] is JsonObject existing) return existing;
        var child = ObjectNode();
        properties[name] = child;
        return child;
    }

    private static void Describe(JsonObject node, Type type, HashSet<Type> visiting)
    {
        if (!visiting.Add(type)) throw new InvalidOperationException($"{type.Name} refers to itself; configuration must be a tree.");
        var defaults = type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        var required = new List<string>();
        foreach (var property in SettingsProperties.Of(type))
        {
            var propertyNode = IsObject(property.PropertyType) ? Child(node, property.Name) : Leaf(node, property.Name);
            Fill(propertyNode, property, defaults, visiting);
            var defaultValue = defaults is null ? null : property.GetValue(defaults);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null && IsEmpty(defaultValue)) required.Add(property.Name);
        }
        if (required.Count > 0)
        {
            var list = node["required"] as JsonArray ?? [];
            foreach (var name in required) list.Add(name);
            node["required"] = list;
        }
        visiting.Remove(type);
    }

    private static JsonObject Leaf(JsonObject parent, string name)
    {
        var leaf = new JsonObject();
        ((JsonObject)parent["properties"]!)[name] = leaf;
        return leaf;
    }

    private static bool IsObject(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return !SettingsProperties.IsScalar(target) && SettingsProperties.ElementType(target) is null && SettingsProperties.DictionaryValueType(target) is null;
    }

    private static void Fill(JsonObject node, PropertyInfo property, object? defaults, HashSet<Type> visiting)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (IsObject(type))
        {
            Describe(node, type, visiting);
            return;
        }
        TypeOf(node, type, visiting);
        ApplyAttributes(node, property, type);
        var value = defaults is null ? null : property.GetValue(defaults);
        if (SettingsProperties.IsScalar(type) && type != typeof(Secret) && !IsEmpty(value)) node["default"] = Format(value!);
    }

    private static void TypeOf(JsonObject node, Type type, HashSet<Type> visiting)
    {
        if (SettingsProperties.ElementType(type) is { } element)
        {
            node["type"] = "array";
            node["items"] = ValueSchema(element, visiting);
        }
        else if (SettingsProperties.DictionaryValueType(type) is { } value)
        {
            node["type"] = "object";
            node["additionalProperties"] = ValueSchema(value, visiting);
        }
        else if (type == typeof(Secret))
        {
            node["type"] = "string";
            node["x-secret"] = true;
        }
        else if (type == typeof(TimeSpan))
        {
            node["type"] = "string";
            node["format"] = "duration";
        }
        else if (type == typeof(bool)) node["type"] = "boolean";
        else if (type.IsEnum)
        {
            node["type"] = "string";
            node["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray());
        }
        else if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) node["type"] = "integer";
        else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) node["type"] = "number";
        else node["type"] = "string";
    }

    private static JsonObject ValueSchema(Type type, HashSet<Type> visiting)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsObject(target))
        {
            var node = ObjectNode();
            Describe(node, target, visiting);
            return node;
        }
        var leaf = new JsonObject();
        TypeOf(leaf, target, visiting);
        return leaf;
    }

    private static void ApplyAttributes(JsonObject node, PropertyInfo property, Type type)
    {
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            switch (attribute)
            {
                case RangeAttribute range when type == typeof(TimeSpan):
                    node["x-minimum"] = Duration(range.Minimum);
                    node["x-maximum"] = Duration(range.Maximum);
                    break;
                case RangeAttribute range:
                    node["minimum"] = Number(range.Minimum);
                    node["maximum"] = Number(range.Maximum);
                    break;
                case RegularExpressionAttribute pattern:
                    node["pattern"] = pattern.Pattern;
                    break;
                case StringLengthAttribute length:
                    if (length.MinimumLength > 0) node["minLength"] = length.MinimumLength;
                    node["maxLength"] = length.MaximumLength;
                    break;
                case MinLengthAttribute min:
                    node[type == typeof(string) ? "minLength" : "minItems"] = min.Length;
                    break;
                case MaxLengthAttribute max:
                    node[type == typeof(string) ? "maxLength" : "maxItems"] = max.Length;
                    break;
            }
        }
    }

    private static JsonNode Number(object bound) => bound switch
    {
        int i => i,
        long l => l,
        double d => d,
        _ => double.Parse(Convert.ToString(bound, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };

    private static JsonNode Format(object value) => value switch
    {
        bool b => b,
        int i => i,
        long l => l,
        double d => d,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A <c>[Range(typeof(TimeSpan), "00:00:01", "01:00:00")]</c> bound, written as the binder reads durations.</summary>
    private static string Duration(object bound) =>
        (bound as TimeSpan? ?? TimeSpan.Parse(Convert.ToString(bound, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture))
            .ToString("c", CultureInfo.InvariantCulture);

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        System.Collections.ICollection c => c.Count == 0,
        _ => false,
    };
}
