using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// POST /v1/hopper/status: depth by priority (99 first, the order entries are dialed), leased count,
/// age of the oldest entry and the next expiry, for dialers sizing their pulls and for the dashboard.
/// </summary>
public static class StatusEndpoint
{
    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }

        var status = await call!.Hopper.StatusAsync();
        var now = DateTimeOffset.UtcNow;
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteString("campaign_id", ApiResponses.Id(call.CampaignId));
            json.WriteStartObject("ready_by_priority");
            foreach (var (priority, count) in status.ReadyByPriority.Where(p => p.Value > 0).OrderByDescending(p => p.Key))
                json.WriteNumber(ApiResponses.Id(priority), count);
            json.WriteEndObject();
            json.WriteNumber("ready", status.ReadyByPriority.Values.Sum());
            json.WriteNumber("leased", status.Leased);
            if (status.OldestInsertedAt is { } oldest)
                json.WriteNumber("oldest_entry_age_seconds", Math.Max(0, (long)(now - oldest).TotalSeconds));
            else
                json.WriteNull("oldest_entry_age_seconds");
            if (status.NextExpiry is { } next)
                json.WriteString("next_expiry", ApiResponses.Time(next));
            else
                json.WriteNull("next_expiry");
        });
    }
}
