namespace Mosaic.Identity.Tests.Support;

/// <summary>One identity service per test class, on a temporary state folder.</summary>
public sealed class IdentityFixture : IDisposable
{
    private readonly TempDirectory state = new();

    public IdentityFixture() => App = new IdentityApp(state.Path);

    public IdentityApp App { get; }

    public void Dispose()
    {
        App.Dispose();
        state.Dispose();
    }
}
