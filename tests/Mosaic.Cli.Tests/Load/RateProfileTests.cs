using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Cli.Tests.Load;

public class RateProfileTests
{
    [Fact]
    public void A_constant_rate_spaces_its_arrivals_evenly()
    {
        var profile = RateProfile.Constant(200, TimeSpan.FromSeconds(10));

        Assert.Equal(2_000, profile.TotalArrivals);
        Assert.Equal(0.005, profile.DueTime(0).TotalSeconds, 6);
        Assert.Equal(1.0, profile.DueTime(199).TotalSeconds, 6);
        Assert.Equal(10.0, profile.DueTime(1_999).TotalSeconds, 6);
    }

    [Fact]
    public void A_ramp_sends_the_area_under_its_rate_and_speeds_up()
    {
        var profile = new RateProfile([new RatePhase(100, 300, TimeSpan.FromSeconds(10))]);

        Assert.Equal(2_000, profile.TotalArrivals);
        Assert.Equal(200, profile.RateAt(TimeSpan.FromSeconds(5)), 6);
        var firstGap = profile.DueTime(1) - profile.DueTime(0);
        var lastGap = profile.DueTime(1_999) - profile.DueTime(1_998);
        Assert.True(lastGap < firstGap, $"the gap went from {firstGap} to {lastGap}");
    }

    [Fact]
    public void Steps_follow_each_other_and_their_arrivals_add_up()
    {
        var profile = new RateProfile([RatePhase.Constant(10, TimeSpan.FromSeconds(2)), RatePhase.Constant(50, TimeSpan.FromSeconds(2))]);

        Assert.Equal(120, profile.TotalArrivals);
        Assert.Equal(TimeSpan.FromSeconds(4), profile.Duration);
        Assert.Equal(1, profile.PhaseAt(TimeSpan.FromSeconds(2.5)));
        Assert.Equal(2.0, profile.DueTime(19).TotalSeconds, 6);
        Assert.Equal(2.02, profile.DueTime(20).TotalSeconds, 6);
    }
}

public class PhaseListTests
{
    [Fact]
    public void Steps_and_ramps_are_read_from_one_line()
    {
        var phases = PhaseList.TryParse("200:30s, 100-400:1m", out var error);

        Assert.Null(error);
        Assert.Equal([RatePhase.Constant(200, TimeSpan.FromSeconds(30)), new RatePhase(100, 400, TimeSpan.FromMinutes(1))], phases);
    }

    [Theory]
    [InlineData("200")]
    [InlineData("fast:30s")]
    [InlineData("0:30s")]
    [InlineData("200:forever")]
    [InlineData("")]
    public void A_phase_that_is_not_rate_and_time_is_refused_with_an_example(string text)
    {
        Assert.Null(PhaseList.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
