namespace Leadline.Grains.Dialing;

/// <summary>
/// The US federal holidays (5 U.S.C. § 6103(a)), computed, standing in for each state's legal holidays. A holiday
/// that falls on a Saturday is observed the Friday before, on a Sunday the Monday after (§ 6103(b), Executive Order
/// 11582); both the date itself and the observed day count as no-call days, whichever a state's law means.
/// </summary>
internal static class UsHolidays
{
    private const int JuneteenthFirstYear = 2021;

    public static bool IsHoliday(DateOnly date) =>
        IsFixedHoliday(date)
        || IsFloatingHoliday(date)
        || (date.DayOfWeek == DayOfWeek.Friday && IsFixedHoliday(date.AddDays(1)))
        || (date.DayOfWeek == DayOfWeek.Monday && IsFixedHoliday(date.AddDays(-1)));

    /// <summary>New Year's Day, Juneteenth, Independence Day, Veterans Day, Christmas: on their dates.</summary>
    private static bool IsFixedHoliday(DateOnly date) => (date.Month, date.Day) switch
    {
        (1, 1) or (7, 4) or (11, 11) or (12, 25) => true,
        (6, 19) => date.Year >= JuneteenthFirstYear,
        _ => false,
    };

    /// <summary>MLK, Washington's Birthday, Memorial, Labor, Columbus Day, Thanksgiving: a weekday of a month.</summary>
    private static bool IsFloatingHoliday(DateOnly date)
    {
        var nth = (date.Day - 1) / 7 + 1;
        var lastOfMonth = date.Day + 7 > DateTime.DaysInMonth(date.Year, date.Month);
        return (date.Month, date.DayOfWeek) switch
        {
            (1, DayOfWeek.Monday) => nth == 3,
            (2, DayOfWeek.Monday) => nth == 3,
            (5, DayOfWeek.Monday) => lastOfMonth,
            (9, DayOfWeek.Monday) => nth == 1,
            (10, DayOfWeek.Monday) => nth == 2,
            (11, DayOfWeek.Thursday) => nth == 4,
            _ => false,
        };
    }
}
