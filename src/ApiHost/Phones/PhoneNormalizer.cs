using Leadline.Grains.Leads;
using PhoneNumbers;

namespace Leadline.ApiHost.Phones;

/// <summary>
/// libphonenumber turns what vendors send — <c>(727) 555-1212</c>, <c>727.555.1212</c>,
/// <c>17275551212</c>, <c>+17275551212</c> — into one E.164 form that dedup and DNC match on.
/// A number written with its own <c>+</c> country code keeps it; otherwise phone_code decides.
/// </summary>
public static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsKnownCountryCode(int phoneCode) =>
        Util.GetRegionCodeForCountryCode(phoneCode) != "ZZ";

    public static bool TryNormalize(string raw, int phoneCode, out NormalizedPhone phone)
    {
        phone = null!;
        raw = raw.Trim();
        if (raw.Length is 0 or > 32 || !IsKnownCountryCode(phoneCode))
            return false;

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(raw, Util.GetRegionCodeForCountryCode(phoneCode));
        }
        catch (NumberParseException)
        {
            return false;
        }
        if (!Util.IsValidNumber(parsed))
            return false;

        phone = new NormalizedPhone(
            Util.Format(parsed, PhoneNumberFormat.E164),
            parsed.CountryCode,
            Util.GetNationalSignificantNumber(parsed));
        return true;
    }
}
