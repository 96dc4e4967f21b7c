namespace Leadline.Grains.Dialing;

/// <summary>
/// A dial region taken apart (<see cref="DialRegions.Describe"/>): the country (libphonenumber region code), the US
/// state when one is known, and every IANA zone the lead may be in. No zones = unknown region.
/// </summary>
public readonly record struct DialRegion(string Country, string? State, IReadOnlyList<string> Zones)
{
    public static readonly DialRegion Unknown = new("", null, []);

    public bool IsUnknown => Zones.Count == 0;
}
