using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// /v1/hopper/pull: leases up to <c>count</c> READY entries in dial order to the calling dialer.
/// An empty hopper is a success with no entries, so a dialer's loop needs no special case.
/// </summary>
public static class PullEndpoint
{
    public const int DefaultLeaseSeconds = 60;
    public const int MaxLeaseSeconds = 3600;

    public static readonly ApiEndpoint Contract = new(ApiScopes.Hopper, ApiDialect.Rest, "Lease the next READY entries of a campaign's hopper")
    {
        Parameters =
        [
            HopperCall.Campaign,
            new(Count, ApiParameterType.Integer, $"Entries to lease, 1-{MaxBatch}", Required: true),
            new(LeaseSeconds, ApiParameterType.Integer, $"Seconds the lease lasts, 1-{MaxLeaseSeconds}, default {DefaultLeaseSeconds}"),
            new(Dialer, ApiParameterType.Text, $"Label recorded on the leases (at most {MaxDialerLength} characters), default the token"),
        ],
        ExampleAnswer = """{"success":true,"data":{"campaign_id":"3","count":1,"entries":[{"lead_id":"42","lease_id":"…","lease_expires_at":"…Z","priority":99,"phone_e164":"+17275551212","phone_number":"7275551212","phone_code":"1","first_name":"Ann","last_name":"Lee","list_id":"7"}]}}""",
    };

    public static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains, HopperPullBatcher pulls)
    {
        var call = await HopperCall.ResolveAsync(request, directory, grains);
        var count = request.Range(Count, 1, MaxBatch, null);
        var leaseSeconds = request.Range(LeaseSeconds, 1, MaxLeaseSeconds, DefaultLeaseSeconds);
        // The label the grain records on the lease; by default the token, so leases can be traced to a vendor.
        var dialer = request.Get(Dialer) ?? $"token:{request.Token.TokenId}";
        if (dialer.Length > MaxDialerLength)
            return ApiResult.Refused(HopperErrors.Invalid(Dialer, $"at most {MaxDialerLength} characters"));

        // Pulls of the same campaign that arrive together share one grain call and one lease statement.
        var leases = await pulls.PullAsync(call.CampaignId, call.Hopper, new HopperPull(count, TimeSpan.FromSeconds(leaseSeconds), dialer));
        return ApiResult.Data(json =>
        {
            json.WriteString("campaign_id", ApiResponses.Id(call.CampaignId));
            json.WriteNumber("count", leases.Length);
            json.WriteStartArray("entries");
            foreach (var lease in leases)
                WriteLease(json, lease);
            json.WriteEndArray();
        });
    }

    private static void WriteLease(System.Text.Json.Utf8JsonWriter json, HopperLease lease)
    {
        var lead = lease.Lead;
        json.WriteStartObject();
        json.WriteString("lead_id", ApiResponses.Id(lead.LeadId));
        json.WriteString("lease_id", lease.LeaseId.ToString("D"));
        json.WriteString("lease_expires_at", ApiResponses.Time(lease.LeasedUntil));
        json.WriteNumber("priority", lease.Priority);
        json.WriteString("phone_e164", lead.PhoneE164);
        json.WriteString("phone_number", lead.PhoneNational);
        json.WriteString("phone_code", ApiResponses.Id(lead.PhoneCode));
        json.WriteString("first_name", lead.FirstName);
        json.WriteString("last_name", lead.LastName);
        json.WriteString("list_id", ApiResponses.Id(lead.ListId));
        json.WriteEndObject();
    }
}
