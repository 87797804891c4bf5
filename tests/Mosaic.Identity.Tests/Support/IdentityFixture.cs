namespace Mosaic.Identity.Tests.Support;

/// <summary>One identity service per test class, on a state of its own.</summary>
public sealed class IdentityFixture : IDisposable
{
    private readonly IdentityState state = new();

    public IdentityFixture() => App = new IdentityApp(state);

    public IdentityApp App { get; }

    public void Dispose()
    {
        App.Dispose();
        state.Dispose();
    }
}
