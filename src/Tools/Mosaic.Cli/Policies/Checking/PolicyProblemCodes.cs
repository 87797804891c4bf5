namespace Mosaic.Cli.Policies.Checking;

/// <summary>The stable codes <c>mosaic policy check</c> prints: scripts and people may search for them.</summary>
public static class PolicyProblemCodes
{
    /// <summary>The file is not a policy: YAML syntax, an unknown key, a bad method or path template.</summary>
    public const string PolicySyntax = "policy-syntax";

    /// <summary>A service that is neither in mosaic.yaml nor the operator's <c>mosaic</c> (in a rule, an event or modes).</summary>
    public const string UnknownService = "unknown-service";

    /// <summary>An operation no endpoint of the target service matches (method and path).</summary>
    public const string UnknownRoute = "unknown-route";

    /// <summary>A service has no committed contract (contracts/services/SERVICE.json) to check the policy against.</summary>
    public const string NoContract = "no-contract";

    /// <summary>A committed contract that cannot be read.</summary>
    public const string BadContract = "bad-contract";

    /// <summary>An event type nobody may publish, or whose listed publishers do not publish it in their code.</summary>
    public const string NoPublisher = "no-publisher";

    /// <summary>An event type nobody may consume, or whose listed consumers do not consume it in their code.</summary>
    public const string NoConsumer = "no-consumer";

    /// <summary>A service publishes an event type in its code that the policy does not allow it to publish.</summary>
    public const string UndeclaredPublish = "undeclared-publish";

    /// <summary>A service consumes an event type in its code that the policy does not allow it to consume.</summary>
    public const string UndeclaredConsume = "undeclared-consume";

    /// <summary>The same operation twice for one from → to, or the same service twice in an event's list.</summary>
    public const string DuplicateRule = "duplicate-rule";

    /// <summary>An operation an earlier operation of the same from → to already allows: it can never decide anything.</summary>
    public const string ShadowedRule = "shadowed-rule";

    /// <summary>Warning: a service may publish or consume an event type its code does not, while another does (more than it needs).</summary>
    public const string UnusedPermission = "unused-permission";
}
