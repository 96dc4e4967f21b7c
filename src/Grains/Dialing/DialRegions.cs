using Leadline.Grains.Leads;

namespace Leadline.Grains.Dialing;

/// <summary>
/// Where a lead is, as far as calling hours care: its dial region, computed once at insert and stored on the lead
/// (leads.dial_region) and its hopper entries. The hopper keeps one sub-queue per region, so keys are canonical
/// and few. Format (see <see cref="DialRegionKey"/>): <c>US-FL|America/Chicago,America/New_York</c>,
/// <c>US|America/New_York</c>, <c>CA|America/Toronto</c>, <c>GB|Europe/London</c>; null = zone unknown.
/// </summary>
public static class DialRegions
{
    /// <summary>
    /// The lead's dial region, or null when its zone is unknown. For a NANP number the lead's <paramref name="state"/>
    /// (code or name, any case) decides, else its US <paramref name="postalCode"/> (ZIP or ZIP+4, by its first three
    /// digits), with every zone of that state; otherwise the number itself (libphonenumber's zones and, for US
    /// numbers, the area code's state). A state or ZIP next to a non-NANP number is ignored: the phone rings abroad.
    /// </summary>
    public static string? Resolve(NormalizedPhone phone, string? state, string? postalCode)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (phone.CountryCode == PhoneRegions.NanpCountryCode)
        {
            if (UsStates.TryParse(state, out var code) || ZipPrefixes.TryState(postalCode, out code))
                return UsStates.Region(code);
        }
        return PhoneRegions.Resolve(phone);
    }

    /// <summary>A region key taken apart; <see cref="DialRegion.Unknown"/> for null or text that is not a region key.</summary>
    public static DialRegion Describe(string? region) =>
        DialRegionKey.TryParse(region, out var described) ? described : DialRegion.Unknown;

    /// <summary>
    /// The shared instance of a region key read back from storage (one string per region instead of one per row),
    /// or the text itself when it is not a known key. Null stays null.
    /// </summary>
    public static string? Canonical(string? region) => region is null ? null : DialRegionKey.InternIfKey(region);
}
