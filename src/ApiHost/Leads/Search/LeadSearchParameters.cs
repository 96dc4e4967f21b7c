using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>The parameters of /v1/leads/search besides the lead's own fields (LeadFieldCatalog, custom fields).</summary>
public static class LeadSearchParameters
{
    public const string LeadId = "lead_id";
    public const string ListId = "list_id";
    public const string CampaignId = "campaign_id";
    public const string UserId = "user_id";
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

    /// <summary>The parameters besides the lead's fields, as the API documents them (OpenAPI, docs).</summary>
    public static readonly IReadOnlyList<ApiParameter> Catalog =
    [
        new(LeadId, ApiParameterType.Id, "That lead"),
        new(ListId, ApiParameterType.Id, "Leads of that list"),
        new(CampaignId, ApiParameterType.Id, "Leads of that campaign's lists"),
        new(UserId, ApiParameterType.Id,
            "Leads of that user. Leadline has no agents: a lead's user is the user that created it (an API token's user or an operator), the same as created_by"),
        new(PhoneNumber, ApiParameterType.Phone, "The lead's phone, any format insert accepts"),
        new(PhoneCode, ApiParameterType.Integer, "Country calling code of the phones searched, default 1"),
        new(CreatedBy, ApiParameterType.Text, $"A user id, or \"{ApiUserName}\" for any API token of the account"),
        new(CreatedAtStart, ApiParameterType.Date, "Created at or after (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, UTC unless an offset is given)"),
        new(CreatedAtEnd, ApiParameterType.Date, "Created at or before (an end date covers that whole day)"),
        new(UpdatedAtStart, ApiParameterType.Date, "Last modified at or after; the answer is then in updated_at order"),
        new(UpdatedAtEnd, ApiParameterType.Date, "Last modified at or before"),
        new(Offset, ApiParameterType.Integer, $"Leads to skip, 0-{MaxOffset}, default 0"),
        new(Limit, ApiParameterType.Integer, $"Leads per page, 1-{MaxLimit}, default {DefaultLimit}"),
    ];

    public static readonly IReadOnlySet<string> Options = new HashSet<string>(
        Catalog.Select(p => p.Name).Append(ApiRequest.AuthToken), StringComparer.Ordinal);
}
