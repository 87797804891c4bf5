namespace Mosaic.Cli.Tests.Policies;

/// <summary>The broken policies and case files under Policies/Fixtures, read in place from the checkout.</summary>
internal static class PolicyFixtures
{
    public static string Folder { get; } = System.IO.Path.Combine(CheckoutRoot.Path, "tests", "Mosaic.Cli.Tests", "Policies", "Fixtures");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>How the commands show a fixture: relative to the checkout.</summary>
    public const string Shown = "tests/Mosaic.Cli.Tests/Policies/Fixtures/";
}
