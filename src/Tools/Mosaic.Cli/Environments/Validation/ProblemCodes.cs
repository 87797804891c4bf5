namespace Mosaic.Cli.Environments.Validation;

/// <summary>The stable codes <c>mosaic env validate</c> prints: scripts and people may search for them.</summary>
public static class ProblemCodes
{
    public const string YamlSyntax = "yaml-syntax";
    public const string DuplicateKey = "duplicate-key";
    public const string UnknownSection = "unknown-section";
    public const string NotAMapping = "not-a-mapping";
    public const string UnknownEnvironment = "unknown-environment";
    public const string ExtendsCycle = "extends-cycle";
    public const string ReferenceInsideText = "reference-inside-text";
    public const string UnknownReferenceKind = "unknown-reference-kind";
    public const string ReferenceInShared = "reference-in-shared";
    public const string UnknownShared = "unknown-shared";
    public const string SecretNotSet = "secret-not-set";
    public const string SecretAsPlainValue = "secret-as-plain-value";
    public const string SecretInPlainKey = "secret-in-plain-key";
    public const string UnknownService = "unknown-service";
    public const string NoSchema = "no-schema";
    public const string BadSchema = "bad-schema";
    public const string MissingRequired = "missing-required";
    public const string WrongType = "wrong-type";
    public const string OutOfRange = "out-of-range";
    public const string WrongLength = "wrong-length";
    public const string NotInEnum = "not-in-enum";
    public const string PatternMismatch = "pattern-mismatch";
    public const string UnknownKey = "unknown-key";
    public const string UnusedShared = "unused-shared";
}
