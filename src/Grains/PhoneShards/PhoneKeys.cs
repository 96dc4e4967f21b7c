namespace Leadline.Grains.PhoneShards;

/// <summary>
/// A phone number as the 64-bit key a shard's index stores: an E.164 number ("+" and up to 18 digits,
/// the first not 0 — libphonenumber's form has at most 15) is its digits as an integer, so the index
/// keeps no string per phone. Anything else (a number written to the tables by hand) gets a negative
/// key of its own, remembered here; such numbers are rare, so their strings may stay.
/// </summary>
public sealed class PhoneKeys
{
    private Dictionary<string, long>? _others;

    /// <summary>The key of <paramref name="e164"/>, giving a number that is not E.164 a new key if it has none.</summary>
    public long KeyOf(string e164)
    {
        if (TryPack(e164, out var key))
            return key;
        _others ??= new(StringComparer.Ordinal);
        if (!_others.TryGetValue(e164, out key))
            _others[e164] = key = -(_others.Count + 1);
        return key;
    }

    /// <summary>The key of <paramref name="e164"/> if the index can have it; false for an unseen non-E.164 number.</summary>
    public bool TryFind(string e164, out long key) =>
        TryPack(e164, out key) || (_others is not null && _others.TryGetValue(e164, out key));

    /// <summary>"+" then 1–18 digits, the first not 0, as a positive integer; no two such strings share a value.</summary>
    public static bool TryPack(ReadOnlySpan<char> e164, out long key)
    {
        key = 0;
        if (e164.Length is < 2 or > 19 || e164[0] != '+' || e164[1] == '0')
            return false;
        for (var i = 1; i < e164.Length; i++)
        {
            var digit = e164[i] - '0';
            if ((uint)digit > 9)
                return false;
            key = key * 10 + digit;
        }
        return true;
    }
}
