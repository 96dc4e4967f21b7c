using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Leadline.Grains.Campaigns;

/// <summary>
/// The calling window's wire form, one line an operator can type: entries separated by <c>;</c>, each
/// <c>DAYS HH:MM-HH:MM</c> or <c>DAYS closed</c>, e.g. <c>mon-fri 09:00-20:00; sat 10:00-17:00; sun closed</c>.
/// DAYS is <c>daily</c> or a comma list of days (<c>mon</c> or <c>monday</c>, any case) and ranges (<c>mon-fri</c>;
/// a range runs forward through the week and may wrap, <c>fri-mon</c>). Times are the recipient's local time,
/// 00:00-24:00, end exclusive, start before end. Days the text does not name keep their window. Strict: an
/// unknown word, a day named twice or an empty entry is refused, never guessed.
/// </summary>
public static partial class CallingWindowText
{
    public const int MaxLength = 500;
    public const string ClosedWord = "closed";
    public const string DailyWord = "daily";

    /// <summary>Sunday first, as <see cref="DayOfWeek"/> and <see cref="CampaignDialSettings.CallingWindow"/>.</summary>
    public static readonly IReadOnlyList<string> DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The order the canonical form lists days in: Monday first, as operators write a working week.</summary>
    private static readonly int[] WeekOrder = [1, 2, 3, 4, 5, 6, 0];

    /// <summary>
    /// <paramref name="current"/> with the days <paramref name="text"/> names changed, or false with why not.
    /// </summary>
    public static bool TryApply(string text, IReadOnlyList<DayWindow> current, out DayWindow[] updated, out string? problem)
    {
        updated = [.. current]; // what a refusal leaves: the current week, unchanged
        DayWindow[] week = [.. current];
        problem = null;
        if (text.Length > MaxLength)
            return Fail($"at most {MaxLength} characters", out problem);
        if (text.Trim().Length == 0)
            return Fail("is empty; write e.g. mon-fri 09:00-20:00; sat 10:00-17:00; sun closed", out problem);

        var named = new bool[7];
        foreach (var rawEntry in text.Split(';'))
        {
            var entry = rawEntry.Trim();
            if (entry.Length == 0)
                return Fail("has an empty entry (two ';' in a row, or one at an end)", out problem);
            var match = EntryPattern().Match(entry);
            if (!match.Success)
                return Fail($"“{entry}” is not “DAYS HH:MM-HH:MM” or “DAYS closed”", out problem);
            if (!TryDays(match.Groups["days"].Value, out var days, out problem)
                || !TryWindow(match.Groups["spec"].Value, out var window, out problem))
                return false;
            foreach (var day in days)
            {
                if (named[day])
                    return Fail($"names {DayNames[day]} twice", out problem);
                named[day] = true;
                week[day] = window;
            }
        }
        updated = week;
        return true;
    }

    /// <summary>The canonical text of a week's windows: days with the same window together, Monday first.</summary>
    public static string Format(IReadOnlyList<DayWindow> week)
    {
        var groups = new List<(DayWindow Window, List<int> Days)>();
        foreach (var day in WeekOrder)
        {
            var window = week[day].IsClosed ? DayWindow.Closed : week[day];
            if (groups.FirstOrDefault(g => g.Window == window) is { Days: not null } group)
                group.Days.Add(day);
            else
                groups.Add((window, [day]));
        }
        return string.Join("; ", groups.Select(g => $"{FormatDays(g.Days)} {FormatWindow(g.Window)}"));
    }

    /// <summary><c>HH:MM-HH:MM</c>, or <c>closed</c>.</summary>
    public static string FormatWindow(DayWindow window) =>
        window.IsClosed ? ClosedWord : $"{FormatTime(window.StartMinute)}-{FormatTime(window.EndMinute)}";

    /// <summary>Minutes after midnight as <c>HH:MM</c> (1440 is <c>24:00</c>).</summary>
    public static string FormatTime(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    /// <summary>One day's window as the dashboard's per-day field takes it: <c>HH:MM-HH:MM</c> or <c>closed</c>.</summary>
    public static bool TryWindow(string spec, out DayWindow window, out string? problem)
    {
        window = DayWindow.Closed;
        problem = null;
        spec = spec.Trim();
        if (spec.Equals(ClosedWord, StringComparison.OrdinalIgnoreCase))
            return true;
        var parts = spec.Split('-');
        if (parts.Length != 2)
            return Fail($"“{spec}” is not HH:MM-HH:MM or closed", out problem);
        if (!TryTime(parts[0].Trim(), out var start, out problem) || !TryTime(parts[1].Trim(), out var end, out problem))
            return false;
        if (start >= end)
            return Fail($"“{spec}” ends before it starts; write “closed” for a day without calls", out problem);
        window = new DayWindow(start, end);
        return true;
    }

    private static bool TryTime(string text, out int minutes, out string? problem)
    {
        minutes = 0;
        problem = null;
        var match = TimePattern().Match(text);
        if (match.Success)
        {
            var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var mins = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            minutes = hours * 60 + mins;
            if (mins < 60 && minutes <= 24 * 60)
                return true;
        }
        return Fail($"“{text}” is not a time from 00:00 to 24:00 (HH:MM)", out problem);
    }

    private static bool TryDays(string text, out List<int> days, out string? problem)
    {
        days = [];
        problem = null;
        if (text.Trim().Equals(DailyWord, StringComparison.OrdinalIgnoreCase))
        {
            days.AddRange(Enumerable.Range(0, 7));
            return true;
        }
        foreach (var item in text.Split(','))
        {
            var ends = item.Split('-');
            if (!TryDay(ends[0], out var first, out problem))
                return false;
            var last = first;
            if (ends.Length == 2 && !TryDay(ends[1], out last, out problem))
                return false;
            for (var day = first; ; day = (day + 1) % 7)
            {
                if (days.Contains(day))
                    return Fail($"names {DayNames[day]} twice", out problem);
                days.Add(day);
                if (day == last)
                    break;
            }
        }
        return true;
    }

    private static bool TryDay(string text, out int day, out string? problem)
    {
        var word = text.Trim().ToLowerInvariant();
        day = -1;
        problem = null;
        for (var i = 0; i < 7; i++)
            if (word == DayNames[i] || word == ((DayOfWeek)i).ToString().ToLowerInvariant())
                day = i;
        return day >= 0 || Fail($"“{text.Trim()}” is not a day (sun, mon, tue, wed, thu, fri, sat, or daily)", out problem);
    }

    private static string FormatDays(List<int> days)
    {
        if (days.Count == 7)
            return "mon-sun";
        // Runs of consecutive days in week order (Monday first) become ranges.
        var positions = days.Select(d => Array.IndexOf(WeekOrder, d)).Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < positions.Count; i++)
        {
            var start = i;
            while (i + 1 < positions.Count && positions[i + 1] == positions[i] + 1)
                i++;
            if (text.Length > 0)
                text.Append(',');
            text.Append(DayNames[WeekOrder[positions[start]]]);
            if (i > start)
                text.Append('-').Append(DayNames[WeekOrder[positions[i]]]);
        }
        return text.ToString();
    }

    private static bool Fail(string text, out string? problem)
    {
        problem = text;
        return false;
    }

    [GeneratedRegex(@"^(?<days>[a-z]+(?:\s*-\s*[a-z]+)?(?:\s*,\s*[a-z]+(?:\s*-\s*[a-z]+)?)*)\s+(?<spec>[a-z]+|[0-9:]+\s*-\s*[0-9:]+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
