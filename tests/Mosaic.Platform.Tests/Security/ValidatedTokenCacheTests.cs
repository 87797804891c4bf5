using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Platform.Tests.Security;

public class ValidatedTokenCacheTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private readonly ManualClock clock = new();
    private readonly IReadOnlyCollection<SecurityKey> keys = [new SymmetricSecurityKey(new byte[32])];

    [Fact]
    public void A_validated_token_is_found_again_as_a_copy_of_its_identity()
    {
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", Identity("alice"), keys, clock.GetUtcNow().AddMinutes(10), Skew);

        var first = cache.Find("token-a", keys);
        first!.AddClaim(new Claim("added", "by a request"));
        var second = cache.Find("token-a", keys);

        Assert.Equal("alice", second!.FindFirst("sub")?.Value);
        Assert.Equal("Bearer", second.AuthenticationType);
        Assert.Null(second.FindFirst("added"));
        Assert.Null(cache.Find("token-b", keys));
        Assert.Null(cache.Find("TOKEN-A", keys));
    }

    [Fact]
    public void A_token_is_found_until_its_expiry_plus_the_clock_skew_and_not_after()
    {
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token", Identity("alice"), keys, clock.GetUtcNow().AddMinutes(10), Skew);

        clock.Advance(TimeSpan.FromMinutes(10) + Skew - TimeSpan.FromSeconds(1));
        Assert.NotNull(cache.Find("token", keys));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find("token", keys));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_token_checked_against_other_keys_is_not_found()
    {
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token", Identity("alice"), keys, clock.GetUtcNow().AddMinutes(10), Skew);
        IReadOnlyCollection<SecurityKey> refreshed = [.. keys];

        Assert.Null(cache.Find("token", refreshed));
        Assert.Null(cache.Find("token", keys));
    }

    [Fact]
    public void An_expired_token_is_not_remembered()
    {
        var cache = new ValidatedTokenCache(clock);

        cache.Add("token", Identity("alice"), keys, clock.GetUtcNow() - Skew, Skew);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_full_cache_adds_nothing_until_tokens_expire_and_then_makes_room()
    {
        var cache = new ValidatedTokenCache(clock);
        for (var i = 0; i < ValidatedTokenCache.Capacity; i++)
            cache.Add($"token-{i}", Identity("alice"), keys, clock.GetUtcNow().AddMinutes(1), Skew);

        cache.Add("one-more", Identity("bob"), keys, clock.GetUtcNow().AddMinutes(10), Skew);
        Assert.Equal(ValidatedTokenCache.Capacity, cache.Count);
        Assert.Null(cache.Find("one-more", keys));

        clock.Advance(TimeSpan.FromMinutes(2));
        cache.Add("one-more", Identity("bob"), keys, clock.GetUtcNow().AddMinutes(10), Skew);
        Assert.Equal(1, cache.Count);
        Assert.Equal("bob", cache.Find("one-more", keys)?.FindFirst("sub")?.Value);
    }

    private static ClaimsIdentity Identity(string subject) => new([new Claim("sub", subject)], "Bearer");
}
