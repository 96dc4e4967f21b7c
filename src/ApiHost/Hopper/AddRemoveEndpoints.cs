using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// /v1/hopper/add and /v1/hopper/remove: one lead by lead_id, for operators and workflows.
/// The grain checks that the lead belongs to the campaign, so another campaign's lead is "no such lead".
/// </summary>
public static class AddRemoveEndpoints
{
    public const int DefaultPriority = 99;

    private static readonly ApiParameter Lead = new(LeadId, ApiParameterType.Id, "The lead", Required: true);

    public static readonly ApiEndpoint AddContract = new(ApiScopes.Hopper, ApiDialect.Rest, "Put a lead in its campaign's hopper, or change its priority there")
    {
        Parameters =
        [
            HopperCall.Campaign,
            Lead,
            new(Priority, ApiParameterType.Integer, $"0-99, default {DefaultPriority} (dialed first)"),
            new(ExpiresIn, ApiParameterType.Integer, "Minutes (1-300) until the entry expires; default never"),
            new(HopperExpiresIn, ApiParameterType.Integer, "The insert API's name for expires_in"),
        ],
        ExampleAnswer = """{"success":true,"data":{"lead_id":"42","campaign_id":"3","priority":99}}""",
    };

    public static readonly ApiEndpoint RemoveContract = new(ApiScopes.Hopper, ApiDialect.Rest, "Take a lead out of its campaign's hopper")
    {
        Parameters = [HopperCall.Campaign, Lead],
        ExampleAnswer = """{"success":true,"data":{"lead_id":"42","removed":true}}""",
    };

    public static async Task<ApiResult> AddAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var leadId = request.Id(LeadId, HopperErrors.NoSuchLead);
        var priority = request.Range(Priority, 0, 99, DefaultPriority);
        // Minutes until expiry, 1-300; expires_in or the insert API's hopper_expires_in; absent = never.
        var expiresIn = request.Range(request.Get(ExpiresIn) is not null ? ExpiresIn : HopperExpiresIn, 1, 300, 0);

        var result = await call.Hopper.AddAsync(leadId, priority, expiresIn > 0 ? expiresIn : null);
        return result switch
        {
            HopperAddResult.Added or HopperAddResult.Updated => ApiResult.Data(json =>
            {
                json.WriteString("lead_id", ApiResponses.Id(leadId));
                json.WriteString("campaign_id", ApiResponses.Id(call.CampaignId));
                json.WriteNumber("priority", priority);
                if (result == HopperAddResult.Updated)
                    json.WriteBoolean("updated", true);
            }),
            HopperAddResult.NoSuchLead => ApiResult.Refused(HopperErrors.NoSuchLead),
            HopperAddResult.NotAllowed => ApiResult.Refused(HopperErrors.NotAllowed),
            _ => ApiResult.Refused(ConvosoErrors.Unavailable),
        };
    }

    public static async Task<ApiResult> RemoveAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var leadId = request.Id(LeadId, HopperErrors.NotInHopper);
        if (!await call.Hopper.RemoveAsync(leadId))
            return ApiResult.Refused(HopperErrors.NotInHopper);
        return ApiResult.Data(json =>
        {
            json.WriteString("lead_id", ApiResponses.Id(leadId));
            json.WriteBoolean("removed", true);
        });
    }
}
