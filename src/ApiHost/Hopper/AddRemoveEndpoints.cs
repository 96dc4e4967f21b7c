using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// POST /v1/hopper/add and /v1/hopper/remove: one lead by lead_id, for operators and workflows.
/// The grain checks that the lead belongs to the campaign, so another campaign's lead is "no such lead".
/// </summary>
public static class AddRemoveEndpoints
{
    public const int DefaultPriority = 99;

    public static async Task AddAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is null
            && TryId(call!.Values, LeadId, HopperErrors.NoSuchLead, out var leadId, out error)
            && TryRange(call.Values, Priority, 0, 99, DefaultPriority, out var priority, out error)
            && TryExpiresIn(call.Values, out var expiresIn, out error))
        {
            var result = await call.Hopper.AddAsync(leadId, priority, expiresIn);
            error = result switch
            {
                HopperAddResult.Added or HopperAddResult.Updated => null,
                HopperAddResult.NoSuchLead => HopperErrors.NoSuchLead,
                HopperAddResult.NotAllowed => HopperErrors.NotAllowed,
                _ => ConvosoErrors.Unavailable,
            };
            if (error is null)
            {
                await ApiResponses.WriteSuccessAsync(http.Response, json =>
                {
                    json.WriteString("lead_id", ApiResponses.Id(leadId));
                    json.WriteString("campaign_id", ApiResponses.Id(call.CampaignId));
                    json.WriteNumber("priority", priority);
                    if (result == HopperAddResult.Updated)
                        json.WriteBoolean("updated", true);
                });
                return;
            }
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    public static async Task RemoveAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is null && TryId(call!.Values, LeadId, HopperErrors.NotInHopper, out var leadId, out error))
        {
            if (await call.Hopper.RemoveAsync(leadId))
            {
                await ApiResponses.WriteSuccessAsync(http.Response, json =>
                {
                    json.WriteString("lead_id", ApiResponses.Id(leadId));
                    json.WriteBoolean("removed", true);
                });
                return;
            }
            error = HopperErrors.NotInHopper;
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    /// <summary>Minutes until expiry, 1–300; <c>expires_in</c> or the insert API's <c>hopper_expires_in</c>; absent = never.</summary>
    private static bool TryExpiresIn(IReadOnlyDictionary<string, string> values, out int? minutes, out ConvosoError? error)
    {
        var name = Get(values, ExpiresIn) is not null ? ExpiresIn : HopperExpiresIn;
        var ok = TryRange(values, name, 1, 300, 0, out var value, out error);
        minutes = ok && value > 0 ? value : null;
        return ok;
    }
}
