using Leadline.ApiHost.Leads.Search;

namespace Leadline.UnitTests.Leads.Search;

public class SearchDatesTests
{
    private static DateTime Utc(int day, int hour = 0, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-03-01", 1, 0, 0, 0)]
    [InlineData("2026-03-01 14:30:05", 1, 14, 30, 5)]
    [InlineData("2026-03-01T14:30:05", 1, 14, 30, 5)]
    [InlineData("2026-03-01T14:30:05Z", 1, 14, 30, 5)]
    [InlineData("2026-03-01 14:30", 1, 14, 30, 0)]
    [InlineData("2026-03-01T09:30:05-05:00", 1, 14, 30, 5)]
    public void Start_is_the_first_instant_included_in_utc(string text, int day, int hour, int minute, int second)
    {
        Assert.True(SearchDates.TryParseStart(text, out var from));
        Assert.Equal(Utc(day, hour, minute, second), from);
        Assert.Equal(DateTimeKind.Utc, from.Kind);
    }

    [Fact]
    public void End_date_includes_the_whole_day()
    {
        Assert.True(SearchDates.TryParseEnd("2026-03-01", out var before));
        Assert.Equal(Utc(2), before);
    }

    [Fact]
    public void End_date_time_includes_that_microsecond()
    {
        Assert.True(SearchDates.TryParseEnd("2026-03-01 14:30:05.123456", out var before));
        Assert.Equal(Utc(1, 14, 30, 5).AddTicks(1234560 + 10), before);
    }

    [Fact]
    public void Fractional_seconds_are_kept()
    {
        Assert.True(SearchDates.TryParseStart("2026-03-01T14:30:05.250Z", out var from));
        Assert.Equal(Utc(1, 14, 30, 5).AddMilliseconds(250), from);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/01/2026")]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-01 24:00:00")]
    [InlineData("2026-3-1")]
    [InlineData("1772380800")]
    [InlineData("9999-12-31")]
    public void Anything_else_is_not_a_bound(string text)
    {
        var isStart = SearchDates.TryParseStart(text, out _);
        var isEnd = SearchDates.TryParseEnd(text, out _);

        Assert.False(isEnd);
        Assert.Equal(text == "9999-12-31", isStart); // the last day is a start, but nothing comes after it to end on
    }
}
