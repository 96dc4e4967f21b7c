using Leadline.Grains.Campaigns;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>
/// The parameter names of the dial settings (/v1/campaigns/dialing/update and the dashboard's form) and how their
/// values become a <see cref="DialSettingsInput"/>: absent is null, blank is "" (see that record for what blank means).
/// </summary>
public static class CampaignDialingParameters
{
    public const string HopperLevel = "hopper_level";
    public const string LeadOrder = "lead_order";
    public const string DialableStatuses = "dialable_statuses";
    public const string CallingWindow = "calling_window";
    public const string MaxAttempts = "max_attempts_24h";
    public const string Recycle = "recycle";
    public const string UnknownZoneAs = "unknown_zone_as";

    public static readonly IReadOnlyList<string> All =
        [HopperLevel, LeadOrder, DialableStatuses, CallingWindow, MaxAttempts, Recycle, UnknownZoneAs];

    public static string NameOf(DialSetting setting) => setting switch
    {
        DialSetting.HopperLevel => HopperLevel,
        DialSetting.LeadOrder => LeadOrder,
        DialSetting.DialableStatuses => DialableStatuses,
        DialSetting.CallingWindow => CallingWindow,
        DialSetting.MaxAttemptsPer24h => MaxAttempts,
        DialSetting.Recycle => Recycle,
        DialSetting.UnknownZoneAs => UnknownZoneAs,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    public static DialSettingsInput Input(IReadOnlyDictionary<string, string> values)
    {
        string? Raw(string name) => values.TryGetValue(name, out var value) ? value.Trim() : null;
        return new DialSettingsInput(Raw(HopperLevel), Raw(LeadOrder), Raw(DialableStatuses), Raw(CallingWindow),
            Raw(MaxAttempts), Raw(Recycle), Raw(UnknownZoneAs));
    }
}
