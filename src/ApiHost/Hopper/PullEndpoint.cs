using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Hopper;
using static Leadline.ApiHost.HopperApi.HopperParameters;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// POST /v1/hopper/pull: leases up to <c>count</c> READY entries in dial order to the calling dialer.
/// An empty hopper is a success with no entries, so a dialer's loop needs no special case.
/// </summary>
public static class PullEndpoint
{
    public const int DefaultLeaseSeconds = 60;
    public const int MaxLeaseSeconds = 3600;

    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        var (call, error) = await HopperCall.OpenAsync(http, auth, directory, grains);
        if (error is null
            && TryRange(call!.Values, Count, 1, MaxBatch, null, out var count, out error)
            && TryRange(call.Values, LeaseSeconds, 1, MaxLeaseSeconds, DefaultLeaseSeconds, out var leaseSeconds, out error)
            && TryDialer(call, out var dialer, out error))
        {
            var leases = await call.Hopper.PullAsync(count, TimeSpan.FromSeconds(leaseSeconds), dialer);
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                json.WriteString("campaign_id", ApiResponses.Id(call.CampaignId));
                json.WriteNumber("count", leases.Length);
                json.WriteStartArray("entries");
                foreach (var lease in leases)
                    WriteLease(json, lease);
                json.WriteEndArray();
            });
            return;
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    /// <summary>The label the grain records on the lease; by default the token, so leases can be traced to a vendor.</summary>
    private static bool TryDialer(HopperCall call, out string dialer, out ConvosoError? error)
    {
        error = null;
        dialer = Get(call.Values, Dialer) ?? $"token:{call.Token.TokenId}";
        if (dialer.Length > MaxDialerLength)
            error = HopperErrors.Invalid(Dialer, $"at most {MaxDialerLength} characters");
        return error is null;
    }

    private static void WriteLease(System.Text.Json.Utf8JsonWriter json, HopperLease lease)
    {
        var lead = lease.Entry.Lead;
        json.WriteStartObject();
        json.WriteString("lead_id", ApiResponses.Id(lead.LeadId));
        json.WriteString("lease_id", lease.LeaseId.ToString("D"));
        json.WriteString("lease_expires_at", ApiResponses.Time(lease.LeasedUntil));
        json.WriteNumber("priority", lease.Entry.Priority);
        json.WriteString("phone_e164", lead.PhoneE164);
        json.WriteString("phone_number", lead.PhoneNational);
        json.WriteString("phone_code", ApiResponses.Id(lead.PhoneCode));
        json.WriteString("first_name", lead.FirstName);
        json.WriteString("last_name", lead.LastName);
        json.WriteString("list_id", ApiResponses.Id(lead.ListId));
        json.WriteEndObject();
    }
}
