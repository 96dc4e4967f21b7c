using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Admin;

/// <summary>
/// Refusals of the admin families. Lists and campaigns keep Convoso's numbers (Lists Insert/Update, Campaigns
/// Status: 6003 name, 6004 unknown campaign, 6010 missing status); custom fields and tokens are Leadline's own (62xx).
/// </summary>
public static class AdminErrors
{
    public static readonly ConvosoError ListNameRequired = ErrorCodes.ListNameRequired;
    public static readonly ConvosoError ListUnknownCampaign = ErrorCodes.ListUnknownCampaign;
    public static readonly ConvosoError CampaignUnknown = ErrorCodes.CampaignUnknown;
    public static readonly ConvosoError CampaignStatusMissing = ErrorCodes.CampaignStatusMissing;
    public static readonly ConvosoError NoSuchToken = ErrorCodes.NoSuchToken;
    public static readonly ConvosoError NoSuchCustomField = ErrorCodes.NoSuchCustomField;
    public static readonly ConvosoError CustomFieldExists = ErrorCodes.CustomFieldExists;
}
