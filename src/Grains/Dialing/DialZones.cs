using System.Collections.Concurrent;

namespace Leadline.Grains.Dialing;

/// <summary>
/// IANA zone ids to this machine's <see cref="TimeZoneInfo"/> (tzdata on Linux), looked up once. Only exact IANA
/// ids count: a Windows id ("Eastern Standard Time") or another spelling ("america/new_york") would resolve here
/// too but means a second key for the same zone.
/// </summary>
internal static class DialZones
{
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Found = new(StringComparer.Ordinal);

    public static TimeZoneInfo? Find(string? zone)
    {
        if (string.IsNullOrEmpty(zone))
            return null;
        if (Found.TryGetValue(zone, out var cached))
            return cached;

        var found = Lookup(zone);
        if (Found.Count < MaxCached)
            Found.TryAdd(zone, found);
        return found;
    }

    private static TimeZoneInfo? Lookup(string zone) =>
        !zone.Contains(' ')
        && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info)
        && string.Equals(info.Id, zone, StringComparison.Ordinal)
            ? info
            : null;
}
