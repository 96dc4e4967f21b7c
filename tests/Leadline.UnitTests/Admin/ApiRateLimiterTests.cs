using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Microsoft.Extensions.Configuration;

namespace Leadline.UnitTests.Admin;

public class ApiRateLimiterTests
{
    [Fact]
    public void Each_token_has_its_own_bucket_of_one_seconds_worth()
    {
        using var limiter = new ApiRateLimiter(3);

        var first = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(1, out _)).ToList();
        var other = limiter.TryAcquire(2, out _);

        Assert.Equal([true, true, true, false], first);
        Assert.True(other);
    }

    [Fact]
    public void A_refusal_says_when_to_retry_in_whole_seconds()
    {
        using var limiter = new ApiRateLimiter(1);
        Assert.True(limiter.TryAcquire(7, out _));

        Assert.False(limiter.TryAcquire(7, out var retryAfter));
        Assert.InRange(retryAfter, 1, 2);
        Assert.Equal((429, 4029, (int?)retryAfter), (ConvosoErrors.RateLimited(retryAfter).HttpStatus, ConvosoErrors.RateLimited(retryAfter).Code,
            ConvosoErrors.RateLimited(retryAfter).RetryAfterSeconds));
    }

    [Fact]
    public async Task An_emptied_bucket_refills_within_a_second()
    {
        using var limiter = new ApiRateLimiter(2);
        while (limiter.TryAcquire(1, out _))
        {
        }

        await Task.Delay(TimeSpan.FromSeconds(1.3));

        Assert.True(limiter.TryAcquire(1, out _));
        Assert.True(limiter.TryAcquire(1, out _));
    }

    [Fact]
    public void Zero_turns_the_limit_off()
    {
        using var limiter = new ApiRateLimiter(0);

        Assert.False(limiter.Enabled);
        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.True(limiter.TryAcquire(1, out _)));
    }

    [Theory]
    [InlineData(null, ApiRateLimiter.DefaultPerSecond)]
    [InlineData("7", 7)]
    public void The_limit_comes_from_configuration_with_a_default_of_200(string? configured, int expected)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
            settings[ApiRateLimiter.ConfigKey] = configured;
        using var limiter = new ApiRateLimiter(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(expected, Enumerable.Range(0, expected + 5).Count(_ => limiter.TryAcquire(1, out _)));
    }
}
