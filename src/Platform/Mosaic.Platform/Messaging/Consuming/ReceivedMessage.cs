using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>A delivered message read into its event, with the registration that handles it.</summary>
internal sealed record ReceivedMessage(
    IncomingMessage Message,
    EventEnvelope Envelope,
    EventRegistration Registration,
    object Event,
    EventContext Context);
