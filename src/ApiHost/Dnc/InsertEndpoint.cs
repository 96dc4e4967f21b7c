using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// /v1/dnc/insert (Convoso's Insert DNC): adds a number to the account's DNC list (campaign_id 0 or absent)
/// or a campaign's. The phone's shard commits it and updates its index before the answer, so the next insert
/// with check_dnc=1 is refused; leads of the number in the scope leave their hoppers. Answers Convoso's
/// top-level integer <c>id</c>, and Leadline's fields in <c>data</c>.
/// </summary>
public static class InsertEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso, "Insert a DNC entry (Convoso's Insert DNC)")
    {
        Parameters =
        [
            new(PhoneNumber, ApiParameterType.Phone, "The number, in any common format (normalized with phone_code)", Required: true),
            new(PhoneCode, ApiParameterType.Integer, "Country calling code; default 1"),
            new(CampaignId, ApiParameterType.Integer, "0 or absent: the account-wide (global) list; otherwise one of the account's campaigns"),
            new(Reason, ApiParameterType.Text, "Why the number is on the list; at most 255 characters; -BLANK- means none"),
            new(Purpose, ApiParameterType.Text, "The calling purpose the entry is for; at most 255 characters; -BLANK- means none"),
        ],
        ExampleAnswer = """{"success":true,"id":17,"data":{"id":"17","phone_number":"7275551212","phone_code":"1","phone_e164":"+17275551212","campaign_id":"0","hopper_removed":0}}""",
    };

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, DncOperations operations)
    {
        var (added, error) = await operations.AddAsync(request.AccountId, request.Values);
        if (error is not null)
            return ApiResult.Refused(error);
        return ApiResult.Data(json =>
        {
            json.WriteString("id", ApiResponses.Id(added!.Id));
            json.WriteString("phone_number", added.Phone.National);
            json.WriteString("phone_code", ApiResponses.Id(added.Phone.CountryCode));
            json.WriteString("phone_e164", added.Phone.E164);
            json.WriteString("campaign_id", ApiResponses.Id(added.CampaignId));
            json.WriteNumber("hopper_removed", added.HopperRemoved);
        }, after: json => json.WriteNumber("id", added!.Id)); // Convoso's top-level integer id
    }
}
