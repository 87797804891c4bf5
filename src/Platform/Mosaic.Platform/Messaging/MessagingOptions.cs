using System.ComponentModel.DataAnnotations;
using Mosaic.Platform.Messaging.RabbitMq;

namespace Mosaic.Platform.Messaging;

/// <summary>Settings under <c>Mosaic:Messaging</c>.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "Mosaic:Messaging";

    /// <summary><c>embedded</c> (a SQLite file on this host, the default) or <c>rabbitmq</c>.</summary>
    [Required]
    public string Transport { get; set; } = "embedded";

    /// <summary>The embedded transport's file; default <c>{StateDirectory}/bus/bus.db</c>, shared by every service of the environment.</summary>
    public string? EmbeddedPath { get; set; }

    /// <summary>The broker, when <see cref="Transport"/> is <c>rabbitmq</c>.</summary>
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Outbox rows shipped per transport call.</summary>
    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>How often the relay looks for rows it was not told about (another instance's, or left by a crash).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages this instance holds at once: handled concurrently (<see cref="HandlerCommit.Alone"/>) or committed in groups.</summary>
    [Range(1, 256)]
    public int ConsumerConcurrency { get; set; } = 32;

    /// <summary>Whether <see cref="HandlerCommit.Grouped"/> handlers commit in groups; off, every message has its own transaction.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>How long a delivered message is held for this instance before another may take it.</summary>
    public TimeSpan ConsumerLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping waits for handlers in flight; messages of handlers still running are redelivered once their lease ends.</summary>
    public TimeSpan ConsumerDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries of a message before it is dead-lettered (the first one included). With the default
    /// delays the last retry comes about a minute after the first failure: long enough to ride out a
    /// dependency's restart or a short outage, short enough that a bug shows up in the dead letters soon.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry; doubled for each further attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long handled message ids are remembered; a redelivery later than this would be applied again.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        string.Equals(Transport, TransportFactory.RabbitMq, StringComparison.OrdinalIgnoreCase)
            ? RabbitMq.Problems().Select(problem => new ValidationResult(problem, [nameof(RabbitMq)]))
            : [];
}
