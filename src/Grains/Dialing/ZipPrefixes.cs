namespace Leadline.Grains.Dialing;

/// <summary>
/// US state by the first three digits of a ZIP code. Source: USPS Domestic Mail Manual, L002 "3-Digit ZIP Code
/// Prefix Matrix", condensed into ranges; unassigned prefixes inside a state's range count for that state, and
/// territories (006–009 PR/VI, 969 GU/MP) and military (090–099, 340, 962–966) have no state, so the phone decides.
/// </summary>
internal static class ZipPrefixes
{
    private static readonly (int From, int To, string State)[] Ranges =
    [
        (5, 5, "NY"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"), (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"),
        (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"),
        (200, 200, "DC"), (201, 201, "VA"), (202, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"),
        (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"), (320, 339, "FL"), (341, 349, "FL"), (350, 369, "AL"),
        (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"),
        (480, 499, "MI"), (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"),
        (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"),
        (700, 714, "LA"), (716, 729, "AR"), (730, 732, "OK"), (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"),
        (800, 816, "CO"), (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"),
        (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"), (967, 968, "HI"), (970, 979, "OR"), (980, 994, "WA"),
        (995, 999, "AK"),
    ];

    private static readonly string?[] StateByPrefix = Build();

    private static string?[] Build()
    {
        var table = new string?[1000];
        foreach (var (from, to, state) in Ranges)
            for (var prefix = from; prefix <= to; prefix++)
                table[prefix] = state;
        return table;
    }

    /// <summary>The state of a 5-digit ZIP or ZIP+4 (<c>33701</c>, <c>33701-1234</c>, <c>337011234</c>), else false.</summary>
    public static bool TryState(ReadOnlySpan<char> postalCode, out string state)
    {
        state = "";
        postalCode = postalCode.Trim();
        var valid = postalCode.Length switch
        {
            5 => AllDigits(postalCode),
            9 => AllDigits(postalCode),
            10 => postalCode[5] == '-' && AllDigits(postalCode[..5]) && AllDigits(postalCode[6..]),
            _ => false,
        };
        if (!valid)
            return false;
        var prefix = (postalCode[0] - '0') * 100 + (postalCode[1] - '0') * 10 + (postalCode[2] - '0');
        if (StateByPrefix[prefix] is not { } found)
            return false;
        state = found;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is < '0' or > '9')
                return false;
        return true;
    }
}
