namespace Mosaic.Cli.Commands.Status;

public enum InstanceState
{
    /// <summary>Answers <c>/health/ready</c> with 200.</summary>
    Ready,

    /// <summary>Answers, but not with 200: starting, shutting down, or a dependency is failing.</summary>
    NotReady,

    /// <summary>Nothing answers on its management port.</summary>
    Down,

    /// <summary>Something answers on its ports, but it belongs to another environment's <c>mosaic up</c>.</summary>
    OtherEnvironment,
}
