using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.V1;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// /v1/hopper/ack (dialed: the entries leave the hopper) and /v1/hopper/release (not dialed: back to READY
/// in their old place). A batch is applied to every id that is a current lease; ids that are not (never were,
/// or the lease ran out) make the answer a 404 6101 that still says, in <c>data</c>, how many were applied,
/// because the dialer must learn that those leads may have gone to someone else.
/// </summary>
public static class LeaseEndpoints
{
    /// <summary>As the insert API allows a status.</summary>
    public const int MaxStatusLength = 32;

    private static readonly ApiParameter LeaseIdsParameter =
        new(LeaseIds, ApiParameterType.Text, $"Lease ids from pull, comma-separated, 1-{MaxBatch}", Required: true);

    public static readonly ApiEndpoint AckContract = new(ApiScopes.Hopper, ApiDialect.Rest, "Acknowledge leased entries as dialed (they leave the hopper)")
    {
        Parameters =
        [
            HopperCall.Campaign,
            LeaseIdsParameter,
            new(Status, ApiParameterType.Text, $"The dialed leads' new status (at most {MaxStatusLength} characters)"),
            new(Outcome, ApiParameterType.Text, "The dial outcome, echoed in the answer (not stored)"),
        ],
        ExampleAnswer = """{"success":true,"data":{"acked":2,"status":"SALE"}}""",
    };

    public static readonly ApiEndpoint ReleaseContract = new(ApiScopes.Hopper, ApiDialect.Rest, "Release leased entries undialed (back to READY in their place)")
    {
        Parameters = [HopperCall.Campaign, LeaseIdsParameter],
        ExampleAnswer = """{"success":true,"data":{"released":2}}""",
    };

    public static async Task<ApiResult> AckAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var leaseIds = ReadLeaseIds(request);
        var status = request.Get(Status);
        if (status is { Length: > MaxStatusLength } || status?.Contains('\0') == true)
            return ApiResult.Refused(HopperErrors.Invalid(Status, $"1 to {MaxStatusLength} characters"));

        var result = await call.Hopper.AckAsync(leaseIds, status);
        // status becomes the leads' status; the dial outcome is echoed (not stored: no column for it yet).
        var echoed = new[] { Status, Outcome }.Select(name => (name, value: request.Get(name))).Where(p => p.value is not null).ToList();
        return Answer(result, "acked", echoed);
    }

    public static async Task<ApiResult> ReleaseAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var result = await call.Hopper.ReleaseAsync(ReadLeaseIds(request));
        return Answer(result, "released", []);
    }

    private static Guid[] ReadLeaseIds(ApiRequest request) =>
        TryLeaseIds(request.Values, out var leaseIds, out var error) ? leaseIds : throw ApiRequest.Refuse(error!);

    private static ApiResult Answer(HopperLeaseResult result, string verb, IReadOnlyList<(string Name, string? Value)> echoed)
    {
        if (result.Unknown.Length == 0)
            return ApiResult.Data(json =>
            {
                json.WriteNumber(verb, result.Applied);
                foreach (var (name, value) in echoed)
                    json.WriteString(name, value);
            });

        var unknown = string.Join(",", result.Unknown.Select(id => id.ToString("D")));
        var text = $"Not a current lease of this campaign: {unknown}. The other {result.Applied} lease(s) were {verb}.";
        return ApiResult.Refused(HopperErrors.UnknownLeases(text), json =>
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
