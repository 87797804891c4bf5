namespace Mosaic.Platform.Messaging;

/// <summary>
/// The message being handled on this async flow, so that events its handler publishes carry the
/// same correlation id and name it as their cause.
/// </summary>
internal static class HandlingScope
{
    private static readonly AsyncLocal<EventContext?> current = new();

    public static EventContext? Current => current.Value;

    public static IDisposable Enter(EventContext context)
    {
        var previous = current.Value;
        current.Value = context;
        return new Exit(previous);
    }

    private sealed class Exit(EventContext? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
