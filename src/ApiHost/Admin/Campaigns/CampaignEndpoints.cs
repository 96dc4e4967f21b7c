using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.Campaigns;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>
/// Convoso's /v1/campaigns/search and campaigns/status, and Leadline's campaigns/create and update. Settings:
/// name and status (stored as active / inactive, answered Y / N as Convoso does; shown to operators and
/// dialers; the hopper loader loads only an active campaign's leads, inserts are not refused). A status change is
/// passed to the campaign's <see cref="ICampaignGrain"/>; its dial settings are CampaignDialingEndpoints'.
/// </summary>
public static class CampaignEndpoints
{
    public const string Id = "id";
    public const string CampaignId = "campaign_id";
    public const string Status = AdminParameters.Status;
    public const int MaxNameLength = 255;

    /// <summary>The stored values of campaigns.status; the API takes any flag word too and answers Y/N.</summary>
    public static readonly IReadOnlyList<string> Statuses = [ActiveWord, InactiveWord];

    public static string StoredStatus(bool active) => active ? ActiveWord : InactiveWord;

    public static bool IsActive(CampaignRow campaign) => campaign.Status == ActiveWord;

    private static readonly ApiParameter StatusParameter = new(Status, ApiParameterType.Flag,
        $"Active (1, Y, true, active) or inactive (0, N, false, inactive); any of {StatusAccepted}");

    public static readonly ApiEndpoint CreateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Create a campaign (Leadline)")
    {
        Parameters =
        [
            new(Name, ApiParameterType.Text, $"The campaign's name, 1-{MaxNameLength} characters", Required: true),
            StatusParameter with { Description = StatusParameter.Description + "; default active" },
        ],
        ExampleAnswer = """{"success":true,"data":{"campaign_id":3471,"name":"Solar Q3","status":"Y","created_at":"…","modified_at":"…"}}""",
    };

    public static readonly ApiEndpoint UpdateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Rename a campaign and/or set its status (Leadline)")
    {
        Parameters =
        [
            new(CampaignId, ApiParameterType.Id, "The campaign (6004 when unknown)", Required: true),
            new(Name, ApiParameterType.Text, $"A new name, 1-{MaxNameLength} characters"),
            StatusParameter,
        ],
        ExampleAnswer = """{"success":true,"data":{"campaign_id":3471,"name":"Solar Q4","status":"N","created_at":"…","modified_at":"…"}}""",
    };

    public static readonly ApiEndpoint StatusContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Activate or deactivate a campaign (Convoso's Campaigns Status)")
    {
        Parameters =
        [
            new(CampaignId, ApiParameterType.Id, "The campaign (6004 when unknown)", Required: true),
            StatusParameter with { Description = StatusParameter.Description + " (6010 when missing)", Required = true },
        ],
        ExampleAnswer = """{"success":true}""",
    };

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Search campaigns (Convoso's Campaigns Search)")
    {
        Parameters =
        [
            new(Id, ApiParameterType.Id, "Only this campaign"),
            new(CampaignId, ApiParameterType.Id, "Only this campaign (Leadline's name for id)"),
            StatusParameter with { Description = $"Only active (1, Y, true) or inactive (0, N, false) campaigns; absent: both. Any of {StatusAccepted}" },
            new(Name, ApiParameterType.Text, "Campaigns whose name contains this (any case)"),
            .. PageParameters(MaxLimit),
        ],
        ExampleAnswer = """{"success":true,"data":[{"id":111,"name":"Sales Campaign","status":"Y","last_call_date":null,"list_count":2,"lead_count":40,"created_at":"…","modified_at":"…"}],"offset":0,"limit":1000,"total":"1"}""",
    };

    public static void MapCampaigns(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("campaigns/create", CreateContract, CreateAsync);
        v1.MapApi("campaigns/update", UpdateContract, UpdateAsync);
        v1.MapApi("campaigns/status", StatusContract, SetStatusAsync);
        v1.MapApi("campaigns/search", SearchContract, SearchAsync);
        v1.MapCampaignDialing();
    }

    private static async Task<ApiResult> CreateAsync(ApiRequest request, CampaignStore campaigns, IGrainFactory grains)
    {
        var name = request.Text(Name, MaxNameLength, required: true)!;
        var active = request.ActiveStatus() ?? true;
        var campaign = await campaigns.CreateAsync(request.AccountId, name, StoredStatus(active));
        await StatusChangedAsync(grains, campaign!.CampaignId); // its hopper starts loading (and keeps itself going)
        return ApiResult.Data(json => WriteCampaign(json, campaign!));
    }

    private static async Task<ApiResult> UpdateAsync(ApiRequest request, CampaignStore campaigns, AccountDirectory directory, IGrainFactory grains)
    {
        var campaignId = request.Id(CampaignId, AdminErrors.CampaignUnknown);
        var name = request.Text(Name, MaxNameLength);
        var active = request.ActiveStatus();
        if (name is null && active is null)
            return ApiResult.Refused(ConvosoErrors.Required("name or status"));

        var campaign = await campaigns.UpdateAsync(request.AccountId, campaignId, name, active is { } a ? StoredStatus(a) : null);
        if (campaign is null)
            return ApiResult.Refused(AdminErrors.CampaignUnknown);
        directory.ForgetCampaign(campaignId);
        if (active is not null)
            await StatusChangedAsync(grains, campaignId);
        return ApiResult.Data(json => WriteCampaign(json, campaign));
    }

    /// <summary>Convoso's Campaigns Status: <c>{"success":true}</c> and nothing else.</summary>
    private static async Task<ApiResult> SetStatusAsync(ApiRequest request, CampaignStore campaigns, AccountDirectory directory, IGrainFactory grains)
    {
        var campaignId = request.Id(CampaignId, AdminErrors.CampaignUnknown);
        if (request.Get(Status) is null)
            return ApiResult.Refused(AdminErrors.CampaignStatusMissing);
        var active = request.ActiveStatus()!.Value;

        if (await campaigns.UpdateAsync(request.AccountId, campaignId, null, StoredStatus(active)) is null)
            return ApiResult.Refused(AdminErrors.CampaignUnknown);
        directory.ForgetCampaign(campaignId);
        await StatusChangedAsync(grains, campaignId);
        return ApiResult.Ok();
    }

    /// <summary>
    /// After a campaign is created or its status changes (committed): the campaign's grain rereads its row (Active is its dial setting) and tells
    /// the hopper. A failure here answers 503 with the change stored; repeating the request repeats the refresh.
    /// </summary>
    public static Task StatusChangedAsync(IGrainFactory grains, long campaignId) =>
        grains.GetGrain<ICampaignGrain>(campaignId).RefreshAsync();

    private static async Task<ApiResult> SearchAsync(ApiRequest request, CampaignStore campaigns)
    {
        var id = request.IdFilter(Id);
        var campaignId = request.IdFilter(CampaignId);
        var name = request.Text(Name, MaxNameLength);
        var active = request.ActiveStatus();
        var page = request.Paging(MaxLimit);
        if (id is not null && campaignId is not null && id != campaignId)
            return AdminAnswers.Entries(page, 0, Array.Empty<CampaignRow>(), WriteEntry); // no campaign has two ids

        var filter = new CampaignFilter(id ?? campaignId, name, active is { } a ? StoredStatus(a) : null);
        var (total, rows) = await campaigns.SearchAsync(request.AccountId, filter, page);
        return AdminAnswers.Entries(page, total, rows, WriteEntry);
    }

    /// <summary>A campaign in a single-campaign answer: <c>data.campaign_id</c> (an integer, as lists answer <c>list_id</c>).</summary>
    private static void WriteCampaign(Utf8JsonWriter json, CampaignRow campaign)
    {
        json.WriteNumber("campaign_id", campaign.CampaignId);
        json.WriteString("name", campaign.Name);
        json.WriteString("status", YesNo(IsActive(campaign)));
        WriteTimes(json, campaign);
    }

    /// <summary>A Campaigns Search entry: Convoso's id (integer), name, status Y/N, last_call_date, then Leadline's counts and times.</summary>
    private static void WriteEntry(Utf8JsonWriter json, CampaignRow campaign)
    {
        json.WriteNumber("id", campaign.CampaignId);
        json.WriteString("name", campaign.Name);
        json.WriteString("status", YesNo(IsActive(campaign)));
        json.WriteNull("last_call_date"); // nothing records calls yet
        json.WriteNumber("list_count", campaign.ListCount);
        json.WriteNumber("lead_count", campaign.LeadCount);
        WriteTimes(json, campaign);
    }

    private static void WriteTimes(Utf8JsonWriter json, CampaignRow campaign)
    {
        json.WriteString("created_at", ApiResponses.Time(campaign.CreatedAt));
        json.WriteString("modified_at", ApiResponses.Time(campaign.ModifiedAt));
    }
}
