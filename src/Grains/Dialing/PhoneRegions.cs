using System.Collections.Concurrent;
using Leadline.Grains.Leads;
using PhoneNumbers;

namespace Leadline.Grains.Dialing;

/// <summary>
/// A number's dial region from the number alone: libphonenumber's time zones for it and, for a US number, the state
/// its area code's English geocoder description names ("Florida", "Tampa, FL"). Answers are cached by country code
/// and the first six national digits: libphonenumber's time-zone prefixes never reach further (NANP: area code and
/// exchange), so every number sharing them shares the answer, and a hit allocates nothing.
/// </summary>
internal static class PhoneRegions
{
    public const int NanpCountryCode = 1;
    private const int PrefixDigits = 6;

    // More zones than this means the number does not say where its owner is (toll-free, a nationwide mobile
    // range): unknown, and the campaign's UnknownZoneAs decides, rather than a key dialable a few hours a day.
    private const int MaxZones = 4;

    // NANP has under 640k area code + exchange pairs; the bound keeps a pathological import from growing it further.
    private const int MaxCached = 1 << 18;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper TimeZones = PhoneNumberToTimeZonesMapper.GetInstance();
    private static readonly PhoneNumberOfflineGeocoder Geocoder = PhoneNumberOfflineGeocoder.GetInstance();
    private static readonly string UnknownZone = TimeZones.GetUnknownTimeZone();
    private static readonly ConcurrentDictionary<long, string?> Cache = new();
    private static int cachedCount;

    public static string? Resolve(NormalizedPhone phone)
    {
        if (!TryCacheKey(phone, out var key))
            return Compute(phone, out _);
        if (Cache.TryGetValue(key, out var region))
            return region;

        region = Compute(phone, out var cacheable);
        if (cacheable && Volatile.Read(ref cachedCount) < MaxCached && Cache.TryAdd(key, region))
            Interlocked.Increment(ref cachedCount);
        return region;
    }

    private static bool TryCacheKey(NormalizedPhone phone, out long key)
    {
        key = 0;
        var national = phone.National.AsSpan();
        var length = Math.Min(national.Length, PrefixDigits);
        long digits = 0;
        for (var i = 0; i < length; i++)
        {
            var c = national[i];
            if (c is < '0' or > '9')
                return false;
            digits = digits * 10 + (c - '0');
        }
        // The prefix length is part of the key so "06" and "6" (leading zeros, short numbers) stay apart.
        key = ((long)phone.CountryCode * 10 + length) * 1_000_000 + digits;
        return phone.CountryCode is > 0 and < 1000;
    }

    /// <summary>The number's region; <paramref name="cacheable"/> false when it says nothing of its prefix's other numbers.</summary>
    private static string? Compute(NormalizedPhone phone, out bool cacheable)
    {
        cacheable = false;
        PhoneNumber number;
        try
        {
            number = Util.Parse(phone.E164, "ZZ");
        }
        catch (NumberParseException)
        {
            return null;
        }
        // An invalid number gets no zone; that must not stick to the valid numbers sharing its prefix.
        cacheable = Util.IsValidNumber(number);

        var zones = TimeZones.GetTimeZonesForNumber(number)
            .Select(UsZoneAliases.Map)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (zones.Length is 0 or > MaxZones || Array.Exists(zones, z => z == UnknownZone))
            return null;

        var country = Util.GetRegionCodeForNumber(number);
        if (string.IsNullOrEmpty(country) || country is "ZZ" or "001")
            return null;

        var state = number.CountryCode == NanpCountryCode && country == "US"
            ? StateIn(Geocoder.GetDescriptionForNumber(number, Locale.English))
            : null;
        return DialRegionKey.Format(country, state, zones);
    }

    /// <summary>"Florida" → FL, "Tampa, FL" → FL, "Washington D.C." → DC; anything else (a city alone, "") → null.</summary>
    internal static string? StateIn(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
            return null;
        var text = description.AsSpan();
        var comma = text.LastIndexOf(',');
        if (comma >= 0)
        {
            var tail = text[(comma + 1)..].Trim();
            return tail.Length == 2 && UsStates.TryParse(tail, out var code) ? code : null;
        }
        return UsStates.TryParse(text, out var named) ? named : null;
    }
}
