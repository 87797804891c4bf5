using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Validation;

namespace Mosaic.Platform.Validation;

/// <summary>
/// Lets minimal-API validation see the DataAnnotations on any service's request types. The
/// framework's source generator only registers the types of the project that calls
/// <c>AddValidation()</c>, and that call lives here in the platform, so services' types are read
/// by reflection instead (once per type, then cached).
/// </summary>
internal sealed class DataAnnotationsInfoResolver : IValidatableInfoResolver
{
    private readonly ConcurrentDictionary<Type, IValidatableInfo?> cache = new();

    public bool TryGetValidatableTypeInfo(Type type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        validatableInfo = cache.GetOrAdd(type, static t => IsValidatable(t, []) ? Describe(t) : null);
        return validatableInfo is not null;
    }

    public bool TryGetValidatableParameterInfo(ParameterInfo parameterInfo, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        // Parameters (route and query values) are covered by the framework's own runtime resolver.
        validatableInfo = null;
        return false;
    }

    private static ReflectedTypeInfo Describe(Type type) => new(
        type,
        type.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray(),
        ValidatableProperties(type)
            .Select(p => new ReflectedPropertyInfo(type, p.PropertyType, p.Name, p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .ToList());

    private static IEnumerable<PropertyInfo> ValidatableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead);

    private static bool IsValidatable(Type type, HashSet<Type> visiting)
    {
        if (!IsOurs(type) || !visiting.Add(type)) return false;
        if (type.GetCustomAttributes<ValidationAttribute>(inherit: true).Any() || typeof(IValidatableObject).IsAssignableFrom(type)) return true;
        foreach (var property in ValidatableProperties(type))
        {
            if (property.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()) return true;
            if (IsValidatable(ElementType(property.PropertyType), visiting)) return true;
        }
        return false;
    }

    private static Type ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType()!;
        var enumerable = type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
        return enumerable ? type.GetGenericArguments()[0] : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static bool IsOurs(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsAbstract
        && type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft", StringComparison.Ordinal);

    private sealed class ReflectedTypeInfo(Type type, ValidationAttribute[] attributes, IReadOnlyList<ValidatablePropertyInfo> members)
        : ValidatableTypeInfo(type, members)
    {
        protected override ValidationAttribute[] GetValidationAttributes() => attributes;
    }

    private sealed class ReflectedPropertyInfo(Type declaringType, Type propertyType, string name, ValidationAttribute[] attributes)
        : ValidatablePropertyInfo(declaringType, propertyType, name, name)
    {
        protected override ValidationAttribute[] GetValidationAttributes() => attributes;
    }
}
