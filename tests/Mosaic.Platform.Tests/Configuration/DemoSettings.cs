using System.ComponentModel.DataAnnotations;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Tests.Configuration;

/// <summary>An options class with one of each kind of setting the schema and the validator know.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo:Settings";

    [Range(1, 100)]
    public int Limit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "EUR";

    [Required]
    public Secret? ApiKey { get; set; }

    public bool Enabled { get; set; } = true;

    public double Ratio { get; set; } = 0.5;

    public DemoMode Mode { get; set; } = DemoMode.Fast;

    public IList<string> Names { get; } = [];

    public DemoNested Nested { get; set; } = new();
}

public enum DemoMode
{
    Fast,
    Careful,
}

public sealed class DemoNested
{
    [Required]
    public string? Host { get; set; }
}
