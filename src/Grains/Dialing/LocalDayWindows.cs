using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Dialing;

/// <summary>
/// Calling hours in one zone. On each local date the allowed time is one interval — federal 8:00–21:00 ∩ the
/// campaign's window for that weekday ∩ the state's window (empty on its no-call days) — so whether a moment is
/// open, and when that next changes, follow from that date's interval and the next non-empty one. Local wall
/// times become instants through the zone's rules for that date, so DST change days come out right.
/// </summary>
internal static class LocalDayWindows
{
    private static readonly int FederalStart = DayWindow.Federal.StartMinute;
    private static readonly int FederalEnd = DayWindow.Federal.EndMinute;

    // A window cannot be more than a week away (every rule repeats weekly); beyond that the caller's horizon rules.
    private const int DaysToSearch = 8;

    /// <summary>Whether <paramref name="now"/> is inside the zone's window, and the next instant that flips.</summary>
    public static (bool Open, DateTimeOffset NextChange) Evaluate(
        TimeZoneInfo zone, StateCallingRule? stateRule, DayWindow[] campaign, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;

        var (start, end) = Allowed(today, stateRule, campaign);
        if (start < end)
        {
            if (timeOfDay < TimeSpan.FromMinutes(start))
                return (false, At(zone, today, start));
            if (timeOfDay < TimeSpan.FromMinutes(end))
                return (true, At(zone, today, end));
        }

        for (var days = 1; days <= DaysToSearch; days++)
        {
            var date = today.AddDays(days);
            (start, end) = Allowed(date, stateRule, campaign);
            if (start < end)
                return (false, At(zone, date, start));
        }
        return (false, DateTimeOffset.MaxValue);
    }

    /// <summary>The allowed minutes of one local date, end exclusive; start ≥ end means none.</summary>
    internal static (int Start, int End) Allowed(DateOnly date, StateCallingRule? stateRule, DayWindow[] campaign)
    {
        // A calling window that is not one entry per weekday cannot be read: no calls rather than a guess.
        if (campaign is not { Length: 7 })
            return (0, 0);
        var day = date.DayOfWeek;
        var window = campaign[(int)day];
        var start = Math.Max(FederalStart, window.StartMinute);
        var end = Math.Min(FederalEnd, window.EndMinute);
        if (stateRule is not null)
        {
            if (stateRule.NoCallsOnHolidays && UsHolidays.IsHoliday(date))
                return (0, 0);
            var stateWindow = stateRule.For(day);
            start = Math.Max(start, stateWindow.StartMinute);
            end = Math.Min(end, stateWindow.EndMinute);
        }
        return (start, end);
    }

    /// <summary>The instant a zone's clocks first read <paramref name="minute"/> past midnight on <paramref name="date"/>.</summary>
    internal static DateTimeOffset At(TimeZoneInfo zone, DateOnly date, int minute)
    {
        var wall = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
        // A wall time skipped by a spring-forward is first reached when the gap ends.
        for (var skipped = 0; zone.IsInvalidTime(wall) && skipped < 24 * 60; skipped++)
            wall = wall.AddMinutes(1);
        if (zone.IsAmbiguousTime(wall))
        {
            // Read twice on a fall-back night: the first time is the one with the larger offset.
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            return new DateTimeOffset(wall, offsets.Max());
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
