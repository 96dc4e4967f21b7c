using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// /v1/hopper/status: depth by priority (99 first, the order entries are dialed), leased count,
/// age of the oldest entry and the next expiry, for dialers sizing their pulls and for the dashboard.
/// <c>ready</c> counts every READY entry; <c>waiting</c> is the part of it that may not be handed out now
/// (outside its calling hours, or its number's attempts capped); <c>last_load</c> is the loader's last cycle.
/// </summary>
public static class StatusEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Hopper, ApiDialect.Rest, "A campaign's hopper: depth by priority, leased, oldest entry, next expiry")
    {
        Parameters = [HopperCall.Campaign],
        ExampleAnswer = """{"success":true,"data":{"campaign_id":"3","ready_by_priority":{"99":2,"50":1},"ready":3,"leased":1,"oldest_entry_age_seconds":12,"next_expiry":"…Z","waiting":0,"last_load":{"loaded":0,"scanned":0,"took_ms":1.2,"at":"…Z"}}}""",
    };

    public static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var status = await call.Hopper.StatusAsync();
        var now = DateTimeOffset.UtcNow;
        return ApiResult.Data(json =>
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
            json.WriteNumber("waiting", status.Waiting);
            if (status.LastLoad is { } load)
            {
                json.WriteStartObject("last_load");
                json.WriteNumber("loaded", load.Loaded);
                json.WriteNumber("scanned", load.Scanned);
                json.WriteNumber("took_ms", Math.Round(load.Took.TotalMilliseconds, 1));
                json.WriteString("at", ApiResponses.Time(load.At));
                json.WriteEndObject();
            }
            else
                json.WriteNull("last_load");
        });
    }
}
