namespace Leadline.ApiHost.Leads.Search;

/// <summary>The parameters of /v1/leads/search besides the lead's own fields (LeadFieldCatalog, custom fields).</summary>
public static class LeadSearchParameters
{
    public const string LeadId = "lead_id";
    public const string ListId = "list_id";
    public const string CampaignId = "campaign_id";
    public const string PhoneNumber = "phone_number";
    public const string PhoneCode = "phone_code";
    public const string CreatedBy = "created_by";
    public const string CreatedAtStart = "created_at_start_date";
    public const string CreatedAtEnd = "created_at_end_date";
    public const string UpdatedAtStart = "updated_at_start_date";
    public const string UpdatedAtEnd = "updated_at_end_date";
    public const string Offset = "offset";
    public const string Limit = "limit";

    public const int DefaultLimit = 10;
    public const int MaxLimit = 2000;
    /// <summary>Each skipped row is read, so very deep pages are refused; date ranges reach further.</summary>
    public const int MaxOffset = 1_000_000;

    /// <summary>created_by's word for "created by any API token", the way the dashboard shows those users.</summary>
    public const string ApiUserName = Accounts.AccountProvisioner.ApiUserName;

    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal)
    {
        Convoso.ApiCall.AuthToken, LeadId, ListId, CampaignId, PhoneNumber, PhoneCode, CreatedBy,
        CreatedAtStart, CreatedAtEnd, UpdatedAtStart, UpdatedAtEnd, Offset, Limit,
    };
}
