namespace Mosaic.Identity.Tests.Support;

/// <summary>
/// What one identity service keeps between runs: its state folder (signing key, and its SQLite file by
/// default) and, with <c>MOSAIC_TEST_DATABASE=postgresql</c>, a PostgreSQL database of its own.
/// Removed afterwards.
/// </summary>
public sealed class IdentityState : IDisposable
{
    private readonly TempDirectory folder = new();

    public string Path => folder.Path;

    public TestDatabase Database { get; } = TestDatabase.Create("identity");

    public void Dispose()
    {
        Database.Dispose();
        folder.Dispose();
    }
}
