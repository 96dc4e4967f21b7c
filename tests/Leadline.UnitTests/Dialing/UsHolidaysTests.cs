using Leadline.Grains.Dialing;

namespace Leadline.UnitTests.Dialing;

public class UsHolidaysTests
{
    [Theory]
    [InlineData("2026-01-01")] // New Year's Day
    [InlineData("2026-01-19")] // MLK: third Monday of January
    [InlineData("2026-02-16")] // Washington's Birthday: third Monday of February
    [InlineData("2026-05-25")] // Memorial Day: last Monday of May
    [InlineData("2026-06-19")] // Juneteenth
    [InlineData("2026-07-03")] // Independence Day observed (the 4th is a Saturday)
    [InlineData("2026-07-04")]
    [InlineData("2026-09-07")] // Labor Day: first Monday of September
    [InlineData("2026-10-12")] // Columbus Day: second Monday of October
    [InlineData("2026-11-11")] // Veterans Day
    [InlineData("2026-11-26")] // Thanksgiving: fourth Thursday of November
    [InlineData("2026-12-25")]
    [InlineData("2021-12-31")] // New Year's Day 2022 (a Saturday) observed the Friday before
    [InlineData("2023-01-02")] // New Year's Day 2023 (a Sunday) observed the Monday after
    [InlineData("2027-07-05")] // Independence Day 2027 (a Sunday) observed
    public void These_are_holidays(string date) => Assert.True(UsHolidays.IsHoliday(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-01-02")]
    [InlineData("2026-01-12")] // second Monday of January
    [InlineData("2026-05-18")] // a Monday of May, not the last
    [InlineData("2026-11-19")] // third Thursday of November
    [InlineData("2026-07-06")]
    [InlineData("2020-06-19")] // Juneteenth became federal in 2021
    [InlineData("2026-12-24")]
    public void These_are_not(string date) => Assert.False(UsHolidays.IsHoliday(DateOnly.Parse(date)));
}
