using Leadline.ApiHost.Phones;
using Leadline.Grains.Campaigns;
using Leadline.Grains.Leads;

namespace Leadline.UnitTests.Dialing;

/// <summary>Region keys, settings and phones the dialing tests share. Offsets are written out, not computed.</summary>
internal static class DialTestData
{
    public const string NewYork = "US-NY|America/New_York";
    public const string Georgia = "US-GA|America/New_York";
    public const string FloridaByPhone = "US-FL|America/New_York";
    public const string FloridaByState = "US-FL|America/Chicago,America/New_York";
    public const string Texas = "US-TX|America/Chicago,America/Denver";
    public const string Louisiana = "US-LA|America/Chicago";
    public const string RhodeIsland = "US-RI|America/New_York";

    public static readonly TimeSpan Edt = TimeSpan.FromHours(-4);
    public static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    public static readonly TimeSpan Cdt = TimeSpan.FromHours(-5);
    public static readonly TimeSpan Cst = TimeSpan.FromHours(-6);

    public static CampaignDialSettings Federal => CampaignDialSettings.Default(active: true);

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second, TimeSpan offset) =>
        new(year, month, day, hour, minute, second, offset);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static NormalizedPhone Phone(string e164, int phoneCode = 1)
    {
        Assert.True(PhoneNormalizer.TryNormalize(e164, phoneCode, out var phone), e164);
        return phone;
    }
}
