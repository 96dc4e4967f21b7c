using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Leadline.UnitTests.Dashboard;

public class LoginThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() => _throttle = new LoginThrottle(new MemoryCache(new MemoryCacheOptions()), _clock);

    private void Fail(string login, string address, int times)
    {
        for (var i = 0; i < times; i++)
            _throttle.Failed(login, address);
    }

    [Fact]
    public void Four_failures_still_allow_a_try_and_the_fifth_blocks_the_login_from_that_address_for_the_window()
    {
        Fail("ann@example.com", "10.0.0.1", LoginThrottle.MaxPerLoginAndAddress - 1);
        Assert.Null(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));

        _clock.Advance(TimeSpan.FromMinutes(2));
        _throttle.Failed("ann@example.com", "10.0.0.1");

        Assert.Equal(TimeSpan.FromMinutes(13), _throttle.RetryAfter("ann@example.com", "10.0.0.1"));
        _clock.Advance(TimeSpan.FromMinutes(13));
        Assert.Null(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));
    }

    [Fact]
    public void The_login_in_another_case_or_with_spaces_counts_as_the_same_login()
    {
        Fail(" Ann@Example.com", "10.0.0.1", 3);
        Fail("ann@example.com ", "10.0.0.1", 2);

        Assert.NotNull(_throttle.RetryAfter("ANN@EXAMPLE.COM", "10.0.0.1"));
    }

    [Fact]
    public void Guessing_from_one_address_does_not_block_the_operator_elsewhere_or_other_logins()
    {
        Fail("ann@example.com", "203.0.113.9", LoginThrottle.MaxPerLoginAndAddress);

        Assert.NotNull(_throttle.RetryAfter("ann@example.com", "203.0.113.9"));
        Assert.Null(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));
        Assert.Null(_throttle.RetryAfter("bob@example.com", "203.0.113.9"));
    }

    [Fact]
    public void Guessing_spread_over_many_addresses_blocks_the_login_everywhere()
    {
        for (var i = 0; i < LoginThrottle.MaxPerLogin; i++)
            _throttle.Failed("ann@example.com", $"198.51.100.{i}");

        Assert.NotNull(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));
        Assert.Null(_throttle.RetryAfter("bob@example.com", "10.0.0.1"));
    }

    [Fact]
    public void A_success_clears_the_failures_of_its_login_and_address()
    {
        Fail("ann@example.com", "10.0.0.1", LoginThrottle.MaxPerLoginAndAddress - 1);
        _throttle.Succeeded("ann@example.com", "10.0.0.1");
        Fail("ann@example.com", "10.0.0.1", LoginThrottle.MaxPerLoginAndAddress - 1);

        Assert.Null(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));
    }

    [Fact]
    public void Failures_of_an_old_window_do_not_count_in_the_next()
    {
        Fail("ann@example.com", "10.0.0.1", LoginThrottle.MaxPerLoginAndAddress - 1);
        _clock.Advance(LoginThrottle.Window);
        Fail("ann@example.com", "10.0.0.1", LoginThrottle.MaxPerLoginAndAddress - 1);

        Assert.Null(_throttle.RetryAfter("ann@example.com", "10.0.0.1"));
    }
}
