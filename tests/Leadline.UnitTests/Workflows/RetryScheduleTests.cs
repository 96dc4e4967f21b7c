using Leadline.Grains.Workflows;

namespace Leadline.UnitTests.Workflows;

public class RetryScheduleTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);
    private const double AlmostOne = 0.999999;

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    public void Random_zero_gives_half_the_ceiling_of_the_attempt(int failedAttempts, int ceilingSeconds)
    {
        var delay = RetrySchedule.DelayAfter(failedAttempts, Base, Max, 0);

        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2.0), delay);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    public void Random_almost_one_gives_just_under_the_ceiling_of_the_attempt(int failedAttempts, int ceilingSeconds)
    {
        var delay = RetrySchedule.DelayAfter(failedAttempts, Base, Max, AlmostOne);

        Assert.True(delay < TimeSpan.FromSeconds(ceilingSeconds), $"{delay} should be below {ceilingSeconds}s");
        Assert.True(delay > TimeSpan.FromSeconds(ceilingSeconds * 0.999), $"{delay} should be close to {ceilingSeconds}s");
    }

    [Fact]
    public void Jitter_is_linear_between_the_floor_and_the_ceiling()
    {
        // attempt 2: ceiling 60 s, floor 30 s; random 0.5 is halfway.
        Assert.Equal(TimeSpan.FromSeconds(45), RetrySchedule.DelayAfter(2, Base, Max, 0.5));
    }

    [Fact]
    public void Zero_failed_attempts_is_treated_as_the_first()
    {
        Assert.Equal(RetrySchedule.DelayAfter(1, Base, Max, 0.3), RetrySchedule.DelayAfter(0, Base, Max, 0.3));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(int.MaxValue)]
    public void The_delay_is_capped_at_the_max_delay(int failedAttempts)
    {
        // 30 s × 2^7 = 64 min is already above the one-hour cap.
        Assert.Equal(TimeSpan.FromMinutes(30), RetrySchedule.DelayAfter(failedAttempts, Base, Max, 0));
        var high = RetrySchedule.DelayAfter(failedAttempts, Base, Max, AlmostOne);
        Assert.True(high <= Max, $"{high} exceeds the cap");
        Assert.True(high > TimeSpan.FromMinutes(59.9), $"{high} should be close to the cap");
    }

    [Fact]
    public void Below_the_cap_each_attempt_waits_at_least_as_long_as_the_previous_one_whatever_the_jitter()
    {
        // Ceilings 30 s … 32 min for attempts 1 … 7; attempt 8 would be 64 min, capped to 60 (floor 30 min).
        for (var attempt = 1; attempt < 7; attempt++)
        {
            var longestNow = RetrySchedule.DelayAfter(attempt, Base, Max, AlmostOne);
            var shortestNext = RetrySchedule.DelayAfter(attempt + 1, Base, Max, 0);
            Assert.True(shortestNext >= longestNow, $"attempt {attempt + 1} may wait {shortestNext}, less than attempt {attempt}'s {longestNow}");
        }
    }

    [Fact]
    public void The_floor_doubles_each_attempt_until_the_cap()
    {
        var floors = Enumerable.Range(1, 9).Select(a => RetrySchedule.DelayAfter(a, Base, Max, 0).TotalSeconds).ToArray();

        Assert.Equal([15, 30, 60, 120, 240, 480, 960, 1800, 1800], floors);
    }
}
