using System.Collections.Concurrent;

namespace Leadline.Grains.Dialing;

/// <summary>
/// A dial region made ready to evaluate: its zones as <see cref="TimeZoneInfo"/> and its state's rule, built once
/// per region (or per UnknownZoneAs zone) so <see cref="CallingHours.Evaluate"/> parses nothing and allocates nothing.
/// </summary>
internal sealed class RegionCallingRules
{
    // Regions are few; the bound only protects against garbage region text read back from storage.
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<string, RegionCallingRules?> ByRegion = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, RegionCallingRules?> ByZone = new(StringComparer.Ordinal);

    /// <summary>A region naming a zone this machine does not know: never open (fail closed, not at a guessed time).</summary>
    public static readonly RegionCallingRules Unusable = new([], null);

    private RegionCallingRules(TimeZoneInfo[] zones, StateCallingRule? stateRule)
    {
        Zones = zones;
        StateRule = stateRule;
    }

    public TimeZoneInfo[] Zones { get; }

    public StateCallingRule? StateRule { get; }

    /// <summary>The rules of a region key; null when the region is unknown (null) or not a region key at all.</summary>
    public static RegionCallingRules? ForRegion(string? region)
    {
        if (region is null)
            return null;
        if (ByRegion.TryGetValue(region, out var rules))
            return rules;
        rules = Build(region);
        if (ByRegion.Count < MaxCached)
            ByRegion.TryAdd(region, rules);
        return rules;
    }

    /// <summary>The rules for a lone zone (the campaign's UnknownZoneAs): federal and campaign hours, no state rule.</summary>
    public static RegionCallingRules? ForZone(string? zone)
    {
        if (string.IsNullOrEmpty(zone))
            return null;
        if (ByZone.TryGetValue(zone, out var rules))
            return rules;
        rules = DialZones.Find(zone) is { } info ? new RegionCallingRules([info], null) : null;
        if (ByZone.Count < MaxCached)
            ByZone.TryAdd(zone, rules);
        return rules;
    }

    private static RegionCallingRules? Build(string region)
    {
        if (!DialRegionKey.TryParse(region, out var described))
            return null;
        var zones = new TimeZoneInfo[described.Zones.Count];
        for (var i = 0; i < zones.Length; i++)
        {
            if (DialZones.Find(described.Zones[i]) is not { } info)
                return Unusable;
            zones[i] = info;
        }
        return new RegionCallingRules(zones, StateCallingRules.For(described.State));
    }
}
