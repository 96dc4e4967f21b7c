using Leadline.Grains.Dialing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Leadline.Grains.Campaigns;

/// <summary>
/// What a campaign's dial settings may be, and their wire forms, in one place: the admin API, the dashboard and
/// <see cref="CampaignGrain"/> all check with it, so no path stores what another would refuse. Pure: no I/O.
/// </summary>
public static partial class CampaignDialSettingsRules
{
    public const int MaxHopperLevel = 100_000;
    public const int MaxStatuses = 50;
    public const int MaxStatusLength = 30;
    public const int MaxAttempts = 100;
    public const int MaxRecycleMinutes = 525_600; // a year
    public const int MaxZoneLength = 64;
    public const int MinutesPerDay = 24 * 60;

    /// <summary>The words of <see cref="LeadOrder"/> on the wire and in campaigns.lead_order.</summary>
    public static readonly IReadOnlyDictionary<LeadOrder, string> LeadOrderWords = new Dictionary<LeadOrder, string>
    {
        [LeadOrder.OldestFirst] = "oldest",
        [LeadOrder.NewestFirst] = "newest",
        [LeadOrder.ByList] = "list",
    };

    public static string Word(LeadOrder order) => LeadOrderWords[order];

    /// <summary>The first problem of a whole settings record (what the grain checks before it writes), or null.</summary>
    public static DialSettingsProblem? Validate(CampaignDialSettings settings)
    {
        if (settings.HopperLevel is < 0 or > MaxHopperLevel)
            return new(DialSetting.HopperLevel, HopperLevelRule);
        if (!LeadOrderWords.ContainsKey(settings.LeadOrder))
            return new(DialSetting.LeadOrder, LeadOrderRule);
        if (StatusesProblem(settings.DialableStatuses) is { } statuses)
            return new(DialSetting.DialableStatuses, statuses);
        if (WindowProblem(settings.CallingWindow) is { } window)
            return new(DialSetting.CallingWindow, window);
        if (settings.MaxAttemptsPer24h is < 1 or > MaxAttempts)
            return new(DialSetting.MaxAttemptsPer24h, MaxAttemptsRule);
        if (RecycleProblem(settings.RecycleMinutes) is { } recycle)
            return new(DialSetting.Recycle, recycle);
        if (settings.UnknownZoneAs is { } zone && !IsKnownZone(zone))
            return new(DialSetting.UnknownZoneAs, ZoneRule(zone));
        return null;
    }

    /// <summary>
    /// <paramref name="current"/> with every setting <paramref name="input"/> gives parsed from its wire form; false
    /// with the first problem, in which case nothing is to be stored.
    /// </summary>
    public static bool TryApply(CampaignDialSettings current, DialSettingsInput input, out CampaignDialSettings updated, out DialSettingsProblem? problem)
    {
        updated = current;
        problem = null;
        var next = current;
        if (Given(input.HopperLevel) is { } level)
        {
            if (!TryHopperLevel(level, out var value))
                return Fail(DialSetting.HopperLevel, HopperLevelRule, out problem);
            next = next with { HopperLevel = value };
        }
        if (Given(input.LeadOrder) is { } order)
        {
            if (!TryLeadOrder(order, out var value))
                return Fail(DialSetting.LeadOrder, LeadOrderRule, out problem);
            next = next with { LeadOrder = value };
        }
        if (Given(input.DialableStatuses) is { } statuses)
        {
            if (!TryStatuses(statuses, out var value, out var why))
                return Fail(DialSetting.DialableStatuses, why!, out problem);
            next = next with { DialableStatuses = value };
        }
        if (Given(input.CallingWindow) is { } window)
        {
            if (!CallingWindowText.TryApply(window, current.CallingWindow, out var value, out var why))
                return Fail(DialSetting.CallingWindow, why!, out problem);
            next = next with { CallingWindow = value };
        }
        if (input.MaxAttemptsPer24h is { } attempts)
        {
            if (!TryMaxAttempts(attempts, out var value))
                return Fail(DialSetting.MaxAttemptsPer24h, MaxAttemptsRule + "; blank or 0 for no campaign cap", out problem);
            next = next with { MaxAttemptsPer24h = value };
        }
        if (input.Recycle is { } recycle)
        {
            if (!TryRecycle(recycle, out var value, out var why))
                return Fail(DialSetting.Recycle, why!, out problem);
            next = next with { RecycleMinutes = value };
        }
        if (input.UnknownZoneAs is { } zone)
        {
            if (!TryZone(zone, out var value))
                return Fail(DialSetting.UnknownZoneAs, ZoneRule(zone.Trim()) + "; blank for none", out problem);
            next = next with { UnknownZoneAs = value };
        }
        updated = next;
        return true;
    }

    public static bool TryHopperLevel(string text, out int level) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out level) && level <= MaxHopperLevel;

    public static bool TryLeadOrder(string text, out LeadOrder order)
    {
        var word = text.Trim();
        foreach (var (value, name) in LeadOrderWords)
            if (name.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                order = value;
                return true;
            }
        order = default;
        return false;
    }

    /// <summary>Comma-separated statuses, any case (stored upper case), each at most once.</summary>
    public static bool TryStatuses(string text, out string[] statuses, out string? problem)
    {
        statuses = [.. text.Split(',').Select(s => s.Trim().ToUpperInvariant())];
        problem = StatusesProblem(statuses);
        return problem is null;
    }

    /// <summary>Blank or 0: no campaign cap (null); otherwise 1-100.</summary>
    public static bool TryMaxAttempts(string text, out int? attempts)
    {
        attempts = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return true;
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxAttempts)
            return false;
        attempts = value == 0 ? null : value;
        return true;
    }

    /// <summary><c>STATUS:minutes</c> pairs, comma-separated (<c>NA:240,B:60</c>); blank: no recycling.</summary>
    public static bool TryRecycle(string text, out Dictionary<string, int> recycle, out string? problem)
    {
        recycle = new Dictionary<string, int>(); // the default comparer: Orleans copies it without a codec of its own
        problem = null;
        if (text.Trim().Length == 0)
            return true;
        foreach (var item in text.Split(','))
        {
            var parts = item.Split(':');
            if (parts.Length != 2)
                return Fail($"“{item.Trim()}” is not STATUS:minutes", out problem);
            var status = parts[0].Trim().ToUpperInvariant();
            if (StatusProblem(status) is { } bad)
                return Fail(bad, out problem);
            if (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || minutes is < 1 or > MaxRecycleMinutes)
                return Fail($"the minutes of {status} must be a whole number from 1 to {MaxRecycleMinutes}", out problem);
            if (!recycle.TryAdd(status, minutes))
                return Fail($"{status} is named twice", out problem);
        }
        problem = RecycleProblem(recycle);
        return problem is null;
    }

    /// <summary>An IANA zone id (the canonical id is kept); blank: none.</summary>
    public static bool TryZone(string text, out string? zone)
    {
        zone = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return true;
        if (!IsKnownZone(trimmed))
            return false;
        zone = trimmed;
        return true;
    }

    /// <summary>
    /// An IANA zone id the dialing rules can evaluate (CallingHours.IsKnownZone: Windows ids such as "Eastern Standard
    /// Time", which .NET also finds, are refused — the rules and libphonenumber speak IANA).
    /// </summary>
    public static bool IsKnownZone(string zone) =>
        zone.Length is > 0 and <= MaxZoneLength && ZonePattern().IsMatch(zone) && CallingHours.IsKnownZone(zone);

    /// <summary>The recycle map's canonical text, e.g. <c>B:60,NA:240</c> (sorted), empty for none.</summary>
    public static string FormatRecycle(IReadOnlyDictionary<string, int> recycle) =>
        string.Join(",", recycle.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => r.Key + ":" + r.Value.ToString(CultureInfo.InvariantCulture)));

    public static readonly string HopperLevelRule = $"must be a whole number from 0 to {MaxHopperLevel}";
    public static readonly string LeadOrderRule = "must be oldest, newest or list";
    public static readonly string MaxAttemptsRule = $"must be a whole number from 1 to {MaxAttempts}";

    private static string ZoneRule(string zone) =>
        $"“{(zone.Length > MaxZoneLength ? zone[..MaxZoneLength] + "…" : zone)}” is not an IANA time zone (e.g. America/New_York)";

    private static string? StatusesProblem(IReadOnlyList<string>? statuses)
    {
        if (statuses is null || statuses.Count == 0)
            return "at least one status is required";
        if (statuses.Count > MaxStatuses)
            return $"at most {MaxStatuses} statuses";
        foreach (var status in statuses)
            if (StatusProblem(status) is { } bad)
                return bad;
        var twice = statuses.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"{twice.Key} is named twice";
    }

    private static string? StatusProblem(string status) =>
        status.Length == 0 ? "a status is empty (two commas in a row, or one at an end)"
        : status.Length > MaxStatusLength || !StatusPattern().IsMatch(status)
            ? $"“{(status.Length > MaxStatusLength ? status[..MaxStatusLength] + "…" : status)}” is not a status (1-{MaxStatusLength} of A-Z, 0-9, _)"
            : null;

    private static string? WindowProblem(IReadOnlyList<DayWindow>? week)
    {
        if (week is null || week.Count != 7)
            return "must have seven days, Sunday first";
        for (var day = 0; day < 7; day++)
            if (week[day] is var w && (w.StartMinute < 0 || w.EndMinute < w.StartMinute || w.EndMinute > MinutesPerDay))
                return $"{CallingWindowText.DayNames[day]}: minutes {w.StartMinute}-{w.EndMinute} are not within 0-{MinutesPerDay}, start first";
        return null;
    }

    private static string? RecycleProblem(IReadOnlyDictionary<string, int>? recycle)
    {
        if (recycle is null)
            return "is missing";
        if (recycle.Count > MaxStatuses)
            return $"at most {MaxStatuses} statuses";
        foreach (var (status, minutes) in recycle)
        {
            if (StatusProblem(status) is { } bad)
                return bad;
            if (minutes is < 1 or > MaxRecycleMinutes)
                return $"the minutes of {status} must be a whole number from 1 to {MaxRecycleMinutes}";
        }
        return null;
    }

    /// <summary>A required setting given blank is not given (Convoso reads a blank parameter as absent).</summary>
    private static string? Given(string? value) => DialSettingsInput.IsBlank(value) ? null : value;

    private static bool Fail(DialSetting setting, string text, out DialSettingsProblem? problem)
    {
        problem = new DialSettingsProblem(setting, text);
        return false;
    }

    private static bool Fail(string text, out string? problem)
    {
        problem = text;
        return false;
    }

    [GeneratedRegex("^[A-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    /// <summary>IANA ids: Area/Location_Name, Etc/GMT+5, UTC; nothing a path could escape with.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();
}
