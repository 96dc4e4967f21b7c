using System.Collections.Frozen;

namespace Leadline.Grains.Dialing;

/// <summary>
/// The 50 states and DC: postal code, name, and every time zone a resident may be in. A state that spans zones lists
/// all of them, so a lead known only by its state is dialed when it is legal in each (the intersection). Zone
/// boundaries: 49 CFR part 71 (Standard Time Zone Boundaries). Zone ids are canonical (see <see cref="UsZoneAliases"/>).
/// Territories (PR, GU, VI, …) are not here: their numbers resolve from the phone as their own country code.
/// </summary>
internal static class UsStates
{
    private const string Eastern = "America/New_York";
    private const string Central = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Arizona = "America/Phoenix";
    private const string Pacific = "America/Los_Angeles";
    private const string Alaska = "America/Anchorage";
    private const string Aleutian = "America/Adak";
    private const string Hawaii = "Pacific/Honolulu";

    private static readonly (string Code, string Name, string[] Zones)[] Rows =
    [
        ("AL", "Alabama", [Central]),
        ("AK", "Alaska", [Alaska, Aleutian]),          // Aleutian Islands west of 169°30'W
        ("AZ", "Arizona", [Arizona]),                  // no DST; the Navajo Nation's DST is not modelled
        ("AR", "Arkansas", [Central]),
        ("CA", "California", [Pacific]),
        ("CO", "Colorado", [Mountain]),
        ("CT", "Connecticut", [Eastern]),
        ("DE", "Delaware", [Eastern]),
        ("DC", "District of Columbia", [Eastern]),
        ("FL", "Florida", [Eastern, Central]),         // panhandle west of the Apalachicola River
        ("GA", "Georgia", [Eastern]),
        ("HI", "Hawaii", [Hawaii]),
        ("ID", "Idaho", [Mountain, Pacific]),          // northern panhandle
        ("IL", "Illinois", [Central]),
        ("IN", "Indiana", [Eastern, Central]),         // NW and SW corners
        ("IA", "Iowa", [Central]),
        ("KS", "Kansas", [Central, Mountain]),         // four western counties
        ("KY", "Kentucky", [Eastern, Central]),
        ("LA", "Louisiana", [Central]),
        ("ME", "Maine", [Eastern]),
        ("MD", "Maryland", [Eastern]),
        ("MA", "Massachusetts", [Eastern]),
        ("MI", "Michigan", [Eastern, Central]),        // four Upper Peninsula counties
        ("MN", "Minnesota", [Central]),
        ("MS", "Mississippi", [Central]),
        ("MO", "Missouri", [Central]),
        ("MT", "Montana", [Mountain]),
        ("NE", "Nebraska", [Central, Mountain]),
        ("NV", "Nevada", [Pacific, Mountain]),         // West Wendover
        ("NH", "New Hampshire", [Eastern]),
        ("NJ", "New Jersey", [Eastern]),
        ("NM", "New Mexico", [Mountain]),
        ("NY", "New York", [Eastern]),
        ("NC", "North Carolina", [Eastern]),
        ("ND", "North Dakota", [Central, Mountain]),
        ("OH", "Ohio", [Eastern]),
        ("OK", "Oklahoma", [Central]),
        ("OR", "Oregon", [Pacific, Mountain]),         // Malheur County
        ("PA", "Pennsylvania", [Eastern]),
        ("RI", "Rhode Island", [Eastern]),
        ("SC", "South Carolina", [Eastern]),
        ("SD", "South Dakota", [Central, Mountain]),
        ("TN", "Tennessee", [Eastern, Central]),
        ("TX", "Texas", [Central, Mountain]),          // El Paso and Hudspeth counties
        ("UT", "Utah", [Mountain]),
        ("VT", "Vermont", [Eastern]),
        ("VA", "Virginia", [Eastern]),
        ("WA", "Washington", [Pacific]),
        ("WV", "West Virginia", [Eastern]),
        ("WI", "Wisconsin", [Central]),
        ("WY", "Wyoming", [Mountain]),
    ];

    /// <summary>Each state's region key when the state (not the phone) decides: every zone of the state.</summary>
    private static readonly FrozenDictionary<string, string> RegionByCode = Rows.ToFrozenDictionary(
        r => r.Code, r => DialRegionKey.Format("US", r.Code, r.Zones), StringComparer.Ordinal);

    // Codes, names and the spellings the geocoder uses, any case; looked up by span so a hit allocates nothing.
    private static readonly FrozenDictionary<string, string> CodeByName = BuildNames();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CodeByNameSpan =
        CodeByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name, _) in Rows)
        {
            names[code] = code;
            names[name] = code;
        }
        names["Washington D.C."] = "DC";
        names["Washington DC"] = "DC";
        names["D.C."] = "DC";
        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The postal code (upper case, interned) of a state given by code or name in any case, else false.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out string code)
    {
        text = text.Trim();
        if (text.Length >= 2 && CodeByNameSpan.TryGetValue(text, out code!))
            return true;
        code = "";
        return false;
    }

    /// <summary>The region key of a state (from <see cref="TryParse"/>): the state and all of its zones.</summary>
    public static string Region(string code) => RegionByCode[code];

    public static bool IsState(string code) => RegionByCode.ContainsKey(code);

    public static IReadOnlyList<string> Codes { get; } = [.. Rows.Select(r => r.Code)];
}
