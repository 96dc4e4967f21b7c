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
    /// <summary>As the insert API allows a status.</summary>
    public const int MaxStatusLength = 32;

    public static Task AckAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains) =>
        HandleAsync(http, auth, directory, grains, "acked", static (hopper, ids, status) => hopper.AckAsync(ids, status));

    public static Task ReleaseAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains) =>
        HandleAsync(http, auth, directory, grains, "released", static (hopper, ids, _) => hopper.ReleaseAsync(ids));

    private static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains,
        string verb, Func<IHopperGrain, Guid[], string?, Task<HopperLeaseResult>> apply)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is not null || !TryLeaseIds(call!.Values, out var leaseIds, out error) || !TryStatus(call.Values, out var status, out error))
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error!);
            return;
        }

        var result = await apply(call.Hopper, leaseIds, status);
        // On ack, status becomes the leads' status; the dial outcome is echoed (not stored: no column for it yet).
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
        await ApiResponses.WriteErrorAsync(http.Response, HopperErrors.UnknownLeases(text), json =>
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

    private static bool TryStatus(IReadOnlyDictionary<string, string> values, out string? status, out ConvosoError? error)
    {
        status = Get(values, Status);
        error = status is { Length: > MaxStatusLength } || status?.Contains('\0') == true
            ? HopperErrors.Invalid(Status, $"1 to {MaxStatusLength} characters")
            : null;
        return error is null;
    }
}
