using Leadline.ApiHost.V1;

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

    /// <summary>The option parameters as the API documents them (OpenAPI, dashboard); the lead's fields come from LeadFieldCatalog.</summary>
    public static readonly IReadOnlyList<ApiParameter> Catalog =
    [
        new(ListId, ApiParameterType.Id, "The list the lead goes into", Required: true),
        new(PhoneNumber, ApiParameterType.Phone, "The lead's phone, any common format", Required: true),
        new(PhoneCode, ApiParameterType.Integer, "Country calling code, default 1"),
        new(CheckDup, ApiParameterType.Integer, "Duplicate check: 0 none, 1 (or true) whole account, 2 this list, 3 this list's campaign"),
        new(CheckDupArchive, ApiParameterType.Flag, "Leads in archived lists count as duplicates too"),
        new(CheckDnc, ApiParameterType.Flag, "Refuse numbers on the account's or the campaign's Do-Not-Call list"),
        new(UpdateIfFound, ApiParameterType.Flag, "Update the lead found instead of refusing a duplicate"),
        new(SearchListId, ApiParameterType.Id, "update_if_found searches this list"),
        new(SearchCampaignId, ApiParameterType.Id, "update_if_found searches this campaign"),
        new(Hopper, ApiParameterType.Flag, "Put the lead in its campaign's hopper at once"),
        new(HopperPriority, ApiParameterType.Integer, "0-99, default 99 (dialed first)"),
        new(HopperExpiresIn, ApiParameterType.Integer, "Minutes (1-300) the hopper entry lives"),
        new(HopperExpireIn, ApiParameterType.Integer, "The older help text's spelling of hopper_expires_in"),
    ];

    /// <summary>Every option name (and auth_token): what the parser does not take for a lead field.</summary>
    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(Catalog.Select(p => p.Name).Append(AuthToken), StringComparer.Ordinal);
}
