using System.Globalization;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// The created_at / updated_at bounds of a search: a date (<c>2026-03-01</c>, the whole day) or a
/// date-time (<c>2026-03-01 14:30:00</c>, <c>2026-03-01T14:30:00Z</c>, with an optional offset).
/// Times without an offset are UTC. An end bound is inclusive: an end date covers that whole day.
/// </summary>
public static class SearchDates
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>PostgreSQL keeps microseconds, so "at or before t" is "before t + 1 µs".</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromTicks(10);

    /// <summary>The first instant a start bound includes.</summary>
    public static bool TryParseStart(string text, out DateTime from)
    {
        from = default;
        if (TryParseDate(text, out var date))
            from = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        else if (TryParseDateTime(text, out var at))
            from = at;
        else
            return false;
        return true;
    }

    /// <summary>The first instant after what an end bound includes (the search uses <c>&lt; before</c>).</summary>
    public static bool TryParseEnd(string text, out DateTime before)
    {
        before = default;
        if (TryParseDate(text, out var date))
        {
            if (date == DateOnly.MaxValue)
                return false;
            before = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        else if (TryParseDateTime(text, out var at) && at < DateTime.MaxValue - Resolution)
            before = at + Resolution;
        else
            return false;
        return true;
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryParseDateTime(string text, out DateTime at)
    {
        at = default;
        if (!DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        at = parsed.UtcDateTime;
        return true;
    }
}
