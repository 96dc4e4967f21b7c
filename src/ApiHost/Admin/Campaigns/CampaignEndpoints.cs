using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>
/// /v1/campaigns/create, update, search. Settings: name and status (active / inactive, shown to operators
/// and dialers; Leadline itself does not stop inserts or pulls for an inactive campaign).
/// </summary>
public static class CampaignEndpoints
{
    public const string CampaignId = "campaign_id";
    public const string Status = "status";
    public const int MaxNameLength = 255;
    public static readonly IReadOnlyList<string> Statuses = ["active", "inactive"];

    public static Task CreateAsync(HttpContext http, ApiTokenAuthenticator auth, CampaignStore campaigns) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryText(call.Values, Name, MaxNameLength, required: true, out var name, out var error)
                || !TryStatus(call.Values, out var status, out error))
                return error;
            var campaign = await campaigns.CreateAsync(call.AccountId, name!, status ?? Statuses[0]);
            await ApiResponses.WriteSuccessAsync(http.Response, json => Write(json, campaign!));
            return null;
        });

    public static Task UpdateAsync(HttpContext http, ApiTokenAuthenticator auth, CampaignStore campaigns, AccountDirectory directory) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, CampaignId, ConvosoErrors.NoSuchCampaign, out var campaignId, out var error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !TryStatus(call.Values, out var status, out error))
                return error;
            if (name is null && status is null)
                return ConvosoErrors.Required("name or status");
            var campaign = await campaigns.UpdateAsync(call.AccountId, campaignId, name, status);
            if (campaign is null)
                return ConvosoErrors.NoSuchCampaign;
            directory.ForgetCampaign(campaignId);
            await ApiResponses.WriteSuccessAsync(http.Response, json => Write(json, campaign));
            return null;
        });

    public static Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, CampaignStore campaigns) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryIdFilter(call.Values, CampaignId, out var campaignId, out var error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !TryStatus(call.Values, out var status, out error)
                || !TryPage(call.Values, out var page, out error))
                return error;

            var (total, rows) = await campaigns.SearchAsync(call.AccountId, new CampaignFilter(campaignId, name, status), page);
            await ApiResponses.WritePageAsync(http.Response, page.Offset, page.Limit, total, rows, (json, campaign) =>
            {
                Write(json, campaign);
                json.WriteNumber("list_count", campaign.ListCount);
                json.WriteNumber("lead_count", campaign.LeadCount);
            });
            return null;
        });

    private static bool TryStatus(IReadOnlyDictionary<string, string> values, out string? status, out ConvosoError? error)
    {
        status = ApiParameters.Get(values, Status)?.ToLowerInvariant();
        error = status is null || Statuses.Contains(status) ? null : ConvosoErrors.Invalid(Status, "must be active or inactive");
        return error is null;
    }

    private static void Write(Utf8JsonWriter json, CampaignRow campaign)
    {
        json.WriteString("campaign_id", ApiResponses.Id(campaign.CampaignId));
        json.WriteString("name", campaign.Name);
        json.WriteString("status", campaign.Status);
        json.WriteString("created_at", ApiResponses.Time(campaign.CreatedAt));
        json.WriteString("modified_at", ApiResponses.Time(campaign.ModifiedAt));
    }
}
