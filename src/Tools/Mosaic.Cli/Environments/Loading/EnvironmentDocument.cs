using Mosaic.Cli.Environments.Model;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>One environment file: what it extends, its shared values and its services' sections, unmerged.</summary>
public sealed record EnvironmentDocument(string Name, string File, ConfigScalar? Extends, ConfigMap Shared, ConfigMap Services);
