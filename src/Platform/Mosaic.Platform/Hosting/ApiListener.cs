namespace Mosaic.Platform.Hosting;

/// <summary>Who may reach a service's API listener.</summary>
public enum ApiListener
{
    /// <summary>Only this environment's identities, with mutual TLS, as far as the policy allows (every service but the gateway).</summary>
    MutualTls,

    /// <summary>Anyone: the gateway's public entry, which authenticates end users with their tokens instead.</summary>
    Public,
}
