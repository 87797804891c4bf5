using System.Text.Json;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>
/// An event type a service consumes: how to read its data into the class its handler takes
/// (<see cref="IsUpcast"/> when an older version is converted first), and how to call that handler.
/// </summary>
internal sealed record EventRegistration(
    EventTypeName Name,
    Type EventClass,
    Func<JsonElement, JsonSerializerOptions, object> Read,
    Func<IServiceProvider, object, EventContext, CancellationToken, Task> Handle,
    HandlerCommit Commit,
    bool IsUpcast = false);
