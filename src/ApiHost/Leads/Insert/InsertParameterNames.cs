namespace Leadline.ApiHost.Leads.Insert;

/// <summary>The option parameters of /v1/leads/insert (the lead's own fields are in LeadFieldCatalog).</summary>
public static class InsertParameterNames
{
    public const string AuthToken = "auth_token";
    public const string ListId = "list_id";
    public const string PhoneNumber = "phone_number";
    public const string PhoneCode = "phone_code";
    public const string CheckDup = "check_dup";
    public const string CheckDupArchive = "check_dup_archive";
    public const string CheckDnc = "check_dnc";
    public const string UpdateIfFound = "update_if_found";
    public const string SearchListId = "search_list_id";
    public const string SearchCampaignId = "search_campaign_id";
    public const string Hopper = "hopper";
    public const string HopperPriority = "hopper_priority";
    public const string HopperExpiresIn = "hopper_expires_in";
    /// <summary>The spelling of older Convoso help text; accepted as the same parameter.</summary>
    public const string HopperExpireIn = "hopper_expire_in";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        AuthToken, ListId, PhoneNumber, PhoneCode, CheckDup, CheckDupArchive, CheckDnc, UpdateIfFound,
        SearchListId, SearchCampaignId, Hopper, HopperPriority, HopperExpiresIn, HopperExpireIn,
    };
}
