using System.Collections.Concurrent;

namespace Leadline.Grains.Dialing;

/// <summary>
/// The text of a dial region: <c>COUNTRY[-STATE]|Zone1,Zone2</c>, e.g. <c>US-FL|America/Chicago,America/New_York</c>
/// or <c>GB|Europe/London</c>. COUNTRY is libphonenumber's region code (US, CA, GB, PR…), STATE a US postal code,
/// zones IANA ids sorted ordinally without duplicates, so one set of facts always gives one string. Every key
/// made here is interned: hopper entries and cached window answers share one instance per region.
/// </summary>
internal static class DialRegionKey
{
    public const char ZoneSeparator = '|';
    public const char ZoneListSeparator = ',';
    public const char StateSeparator = '-';

    // Keys are few (tens to low hundreds); the bound only protects against garbage read back from storage.
    private const int MaxInterned = 4096;
    private static readonly ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    public static string Format(string country, string? state, IEnumerable<string> zones)
    {
        var sorted = zones.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var text = string.Concat(
            country,
            state is null ? "" : StateSeparator + state,
            ZoneSeparator.ToString(),
            string.Join(ZoneListSeparator, sorted));
        return Intern(text);
    }

    public static string Intern(string key)
    {
        if (Interned.TryGetValue(key, out var shared))
            return shared;
        return Interned.Count < MaxInterned ? Interned.GetOrAdd(key, key) : key;
    }

    /// <summary>The shared instance of a well-formed key; other text is returned as it is, never kept.</summary>
    public static string InternIfKey(string text) =>
        Interned.TryGetValue(text, out var shared) ? shared
        : TryParse(text, out _) ? Intern(text)
        : text;

    /// <summary>Splits a key; false for text that is not a key this class could have made.</summary>
    public static bool TryParse(string? key, out DialRegion region)
    {
        region = DialRegion.Unknown;
        if (string.IsNullOrEmpty(key))
            return false;
        var bar = key.IndexOf(ZoneSeparator);
        if (bar <= 0 || bar == key.Length - 1)
            return false;

        var place = key.AsSpan(0, bar);
        string country;
        string? state = null;
        var dash = place.IndexOf(StateSeparator);
        if (dash < 0)
            country = place.ToString();
        else
        {
            country = place[..dash].ToString();
            state = place[(dash + 1)..].ToString();
            if (state.Length == 0)
                return false;
        }
        if (country.Length == 0)
            return false;

        var zones = key[(bar + 1)..].Split(ZoneListSeparator);
        if (Array.Exists(zones, z => z.Length == 0))
            return false;
        region = new DialRegion(country, state, zones);
        return true;
    }
}
