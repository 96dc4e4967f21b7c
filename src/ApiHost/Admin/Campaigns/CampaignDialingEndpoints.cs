using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.Campaigns;
using P = Leadline.ApiHost.Admin.Campaigns.CampaignDialingParameters;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>
/// Leadline's /v1/campaigns/dialing/search and update: a campaign's dial settings (hopper level, lead order,
/// dialable statuses, calling window, attempt cap, recycle delays, the zone for leads of unknown zone), served by
/// its <see cref="ICampaignGrain"/>. See docs/api-campaign-dialing.md.
/// </summary>
public static class CampaignDialingEndpoints
{
    private static readonly ApiParameter Campaign =
        new(CampaignEndpoints.CampaignId, ApiParameterType.Id, "The campaign (6004 when unknown)", Required: true);

    private const string ExampleData =
        """{"campaign_id":3471,"status":"Y","hopper_level":500,"lead_order":"oldest","dialable_statuses":["NEW","NA"],"calling_window":{"sun":"closed","mon":"09:00-20:00","tue":"09:00-20:00","wed":"09:00-20:00","thu":"09:00-20:00","fri":"09:00-20:00","sat":"10:00-17:00"},"max_attempts_24h":3,"recycle":{"B":60,"NA":240},"unknown_zone_as":null}""";

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Convoso, "A campaign's dial settings (Leadline)")
    {
        Parameters = [Campaign],
        ExampleAnswer = $$"""{"success":true,"data":{{ExampleData}}}""",
    };

    public static readonly ApiEndpoint UpdateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Change a campaign's dial settings (Leadline)")
    {
        Parameters =
        [
            Campaign,
            new(P.HopperLevel, ApiParameterType.Integer,
                $"READY entries the loader keeps in the hopper, 0-{CampaignDialSettingsRules.MaxHopperLevel} (0: load nothing) (6401)"),
            new(P.LeadOrder, ApiParameterType.Text, "oldest, newest or list (lowest list id first, oldest first within a list) (6402)"),
            new(P.DialableStatuses, ApiParameterType.Text,
                $"Comma-separated statuses the loader loads, 1-{CampaignDialSettingsRules.MaxStatuses}, each 1-{CampaignDialSettingsRules.MaxStatusLength} of A-Z 0-9 _ (any case); a lead without a status counts as NEW (6403)"),
            new(P.CallingWindow, ApiParameterType.Text,
                "Local-time window per weekday, e.g. \"mon-fri 09:00-20:00; sat 10:00-17:00; sun closed\"; days not named keep theirs; federal 8:00-21:00 and state rules still apply (6404)"),
            new(P.MaxAttempts, ApiParameterType.Integer, $"Attempts per number per rolling 24 h, 1-{CampaignDialSettingsRules.MaxAttempts}; blank or 0: no campaign cap (6405)"),
            new(P.Recycle, ApiParameterType.Text,
                $"STATUS:minutes pairs, e.g. \"NA:240,B:60\" (minutes 1-{CampaignDialSettingsRules.MaxRecycleMinutes}): when a dialed lead of that status may be loaded again; replaces the list; blank: none (6406)"),
            new(P.UnknownZoneAs, ApiParameterType.Text, "IANA time zone assumed for leads of unknown zone, e.g. America/New_York; blank: such leads are not dialed (6407)"),
        ],
        ExampleAnswer = $$"""{"success":true,"data":{{ExampleData}}}""",
    };

    public static void MapCampaignDialing(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("campaigns/dialing/search", SearchContract, SearchAsync);
        v1.MapApi("campaigns/dialing/update", UpdateContract, UpdateAsync);
    }

    private static async Task<ApiResult> SearchAsync(ApiRequest request, CampaignStore campaigns, IGrainFactory grains)
    {
        var (campaignId, settings) = await CurrentAsync(request, campaigns, grains);
        return ApiResult.Data(json => CampaignDialingAnswer.Write(json, campaignId, settings));
    }

    /// <summary>Everything is parsed and checked against the current settings before the one write.</summary>
    private static async Task<ApiResult> UpdateAsync(ApiRequest request, CampaignStore campaigns, IGrainFactory grains)
    {
        var (campaignId, current) = await CurrentAsync(request, campaigns, grains);
        var input = P.Input(request.Values);
        if (input.ChangesNothing)
            return ApiResult.Refused(ConvosoErrors.Required("one of " + string.Join(", ", P.All)));
        if (!CampaignDialSettingsRules.TryApply(current, input, out var updated, out var problem))
            return ApiResult.Refused(CampaignDialingErrors.For(problem!));

        var stored = await grains.GetGrain<ICampaignGrain>(campaignId).UpdateDialSettingsAsync(updated);
        return stored is null
            ? ApiResult.Refused(AdminErrors.CampaignUnknown)
            : ApiResult.Data(json => CampaignDialingAnswer.Write(json, campaignId, stored));
    }

    /// <summary>The request's campaign within the token's account (the table, not a cache) and its settings; 6004 otherwise.</summary>
    private static async Task<(long CampaignId, CampaignDialSettings Settings)> CurrentAsync(
        ApiRequest request, CampaignStore campaigns, IGrainFactory grains)
    {
        var campaignId = request.Id(CampaignEndpoints.CampaignId, AdminErrors.CampaignUnknown);
        if (await campaigns.FindAsync(request.AccountId, campaignId) is null)
            throw ApiRequest.Refuse(AdminErrors.CampaignUnknown);
        var settings = await grains.GetGrain<ICampaignGrain>(campaignId).GetDialSettingsAsync()
            ?? throw ApiRequest.Refuse(AdminErrors.CampaignUnknown);
        return (campaignId, settings);
    }
}
