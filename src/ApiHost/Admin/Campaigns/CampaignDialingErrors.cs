using Leadline.ApiHost.Convoso;
using Leadline.Grains.Campaigns;
using ErrorCode = Leadline.ApiHost.Convoso.ErrorCode;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>A dial-settings problem as the admin API answers it: the setting's own code (64xx), the parameter named.</summary>
public static class CampaignDialingErrors
{
    public static ConvosoError For(DialSettingsProblem problem) =>
        new(CodeOf(problem.Setting), $"Invalid value for {CampaignDialingParameters.NameOf(problem.Setting)}: {problem.Text}");

    public static ErrorCode CodeOf(DialSetting setting) => setting switch
    {
        DialSetting.HopperLevel => ErrorCodes.InvalidHopperLevel,
        DialSetting.LeadOrder => ErrorCodes.InvalidLeadOrder,
        DialSetting.DialableStatuses => ErrorCodes.InvalidDialableStatuses,
        DialSetting.CallingWindow => ErrorCodes.InvalidCallingWindow,
        DialSetting.MaxAttemptsPer24h => ErrorCodes.InvalidMaxAttempts,
        DialSetting.Recycle => ErrorCodes.InvalidRecycle,
        DialSetting.UnknownZoneAs => ErrorCodes.InvalidUnknownZone,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };
}
