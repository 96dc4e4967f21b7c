using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// POST /v1/hopper/ack (dialed: the entries leave the hopper) and /v1/hopper/release (not dialed: back
/// to READY in their old place). A batch is applied to every id that is a current lease; ids that are
/// not (never were, or the lease ran out) make the answer a 404 that still says how many were applied,
/// because the dialer must learn that those leads may have gone to someone else.
/// </summary>
public static class LeaseEndpoints
{
    public static Task AckAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains) =>
        HandleAsync(http, auth, directory, grains, "acked", static (hopper, ids) => hopper.AckAsync(ids));

    public static Task ReleaseAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains) =>
        HandleAsync(http, auth, directory, grains, "released", static (hopper, ids) => hopper.ReleaseAsync(ids));

    private static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains,
        string verb, Func<IHopperGrain, Guid[], Task<HopperLeaseResult>> apply)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is not null || !TryLeaseIds(call!.Values, out var leaseIds, out error))
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error!);
            return;
        }

        var result = await apply(call.Hopper, leaseIds);
        // The dial outcome is accepted and echoed so dialers can send it now; the hopper does not store it.
        var echoed = new[] { Status, Outcome }.Select(name => (name, value: Get(call.Values, name))).Where(p => p.value is not null).ToList();

        if (result.Unknown.Length == 0)
        {
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                json.WriteNumber(verb, result.Applied);
                foreach (var (name, value) in echoed)
                    json.WriteString(name, value);
            });
            return;
        }

        var unknown = string.Join(",", result.Unknown.Select(id => id.ToString("D")));
        var text = $"Not a current lease of this campaign: {unknown}. The other {result.Applied} lease(s) were {verb}.";
        await ApiResponses.WriteErrorAsync(http.Response, new ConvosoError(404, HopperErrors.UnknownLeaseCode, text), json =>
        {
            json.WriteNumber("applied", result.Applied);
            json.WriteNumber(verb, result.Applied);
            json.WriteStartArray("unknown_lease_ids");
            foreach (var id in result.Unknown)
                json.WriteStringValue(id.ToString("D"));
            json.WriteEndArray();
            foreach (var (name, value) in echoed)
                json.WriteString(name, value);
        });
    }
}
