using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>An environment's files merged, before references are resolved.</summary>
/// <param name="Exists">False when the environment's own file is missing.</param>
public sealed record MergedEnvironment(string Name, bool Exists, ConfigMap Shared, ConfigMap Services, IReadOnlyList<Problem> Problems);
