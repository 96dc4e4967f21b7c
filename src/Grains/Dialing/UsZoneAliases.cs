using System.Collections.Frozen;

namespace Leadline.Grains.Dialing;

/// <summary>
/// libphonenumber names US zones at county precision (America/Boise, America/Indiana/Knox…). Each of these follows
/// the same current offsets and DST rules as the zone it maps to (IANA tzdata; only their history differs), so local
/// clock times now and ahead — all a dialing window needs — are identical; mapping them keeps region keys few (an
/// Idaho number is "America/Denver,America/Los_Angeles" like the state itself, not a third spelling).
/// </summary>
internal static class UsZoneAliases
{
    private static readonly FrozenDictionary<string, string> Canonical = new Dictionary<string, string>
    {
        ["America/Boise"] = "America/Denver",
        ["America/Detroit"] = "America/New_York",
        ["America/Fort_Wayne"] = "America/New_York",
        ["America/Indianapolis"] = "America/New_York",
        ["America/Indiana/Indianapolis"] = "America/New_York",
        ["America/Indiana/Marengo"] = "America/New_York",
        ["America/Indiana/Petersburg"] = "America/New_York",
        ["America/Indiana/Vevay"] = "America/New_York",
        ["America/Indiana/Vincennes"] = "America/New_York",
        ["America/Indiana/Winamac"] = "America/New_York",
        ["America/Indiana/Knox"] = "America/Chicago",
        ["America/Knox_IN"] = "America/Chicago",
        ["America/Indiana/Tell_City"] = "America/Chicago",
        ["America/Kentucky/Louisville"] = "America/New_York",
        ["America/Louisville"] = "America/New_York",
        ["America/Kentucky/Monticello"] = "America/New_York",
        ["America/Menominee"] = "America/Chicago",
        ["America/North_Dakota/Beulah"] = "America/Chicago",
        ["America/North_Dakota/Center"] = "America/Chicago",
        ["America/North_Dakota/New_Salem"] = "America/Chicago",
        ["America/Juneau"] = "America/Anchorage",
        ["America/Metlakatla"] = "America/Anchorage",
        ["America/Nome"] = "America/Anchorage",
        ["America/Sitka"] = "America/Anchorage",
        ["America/Yakutat"] = "America/Anchorage",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Map(string zone) => Canonical.GetValueOrDefault(zone, zone);
}
