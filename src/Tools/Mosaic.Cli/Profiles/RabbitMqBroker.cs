namespace Mosaic.Cli.Profiles;

/// <summary>
/// A RabbitMQ broker to connect to, and where mosaic learned of it. The URI holds a password, so it is
/// never shown: this prints as <see cref="Source"/> only.
/// </summary>
/// <param name="Source">Where the broker came from, as a message shows it ("from MOSAIC_RABBITMQ_ADMIN").</param>
public sealed record RabbitMqBroker(Uri Uri, string Source)
{
    public override string ToString() => Source;
}
