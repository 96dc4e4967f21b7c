using System.Diagnostics.Metrics;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Insert;

/// <summary>
/// /v1/leads/insert: validate, resolve the list, then let the phone's shard decide and commit. The answer is
/// sent only after the lead's transaction committed.
/// </summary>
public static class InsertLeadEndpoint
{
    private static readonly Meter Meter = new("Leadline.Api");
    private static readonly Counter<long> Inserts = Meter.CreateCounter<long>("leadline.leads.insert", description: "Insert requests by outcome");

    public static readonly ApiEndpoint Contract = new(ApiScopes.Leads, ApiDialect.Convoso, "Insert a lead (Convoso's Insert Lead)")
    {
        Parameters = InsertParameterNames.Catalog,
        TakesLeadFields = true,
        ExampleAnswer = """{"success":true,"data":{"lead_id":"123"},"id":"123"}""",
        Observe = CountOutcome,
    };

    public static void MapInsertLead(this IEndpointRouteBuilder v1) =>
        v1.MapApi("leads/insert", Contract, HandleAsync);

    private static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, PhoneShardRefs shards)
    {
        var (parsed, invalid) = InsertLeadParser.Parse(request.Values, await directory.GetCustomFieldsAsync(request.AccountId));
        if (invalid is not null)
            return ApiResult.Refused(invalid);
        request.Ignored = parsed!.Ignored;

        var (list, missing) = await InsertTargets.ResolveAsync(directory, request.AccountId, parsed.ListId, parsed.Dedup);
        if (missing is not null)
            return ApiResult.Refused(missing);
        var result = await shards.InsertAsync(list!, parsed, request.Token.UserId);

        return result.Result switch
        {
            InsertResult.Inserted => LeadAnswers.Saved(result.LeadId),
            InsertResult.Updated => LeadAnswers.Saved(result.LeadId, updated: true),
            InsertResult.Duplicate => ApiResult.Refused(ConvosoErrors.Duplicate(result.LeadId)),
            InsertResult.DoNotCall => ApiResult.Refused(ConvosoErrors.DoNotCall),
            _ => ApiResult.Refused(ConvosoErrors.Unavailable),
        };
    }

    /// <summary>leadline_leads_insert_total{result}: what each insert request came to, refusals by the pipeline included.</summary>
    private static void CountOutcome(ApiResult answer)
    {
        var result = answer.Error?.Definition switch
        {
            null => answer.Label ?? "inserted",
            { } code when code == ErrorCodes.Malformed || code == ErrorCodes.BodyTooLarge => "malformed",
            { } code when code == ErrorCodes.TokenInvalid || code == ErrorCodes.ScopeMissing => "unauthorized",
            { } code when code == ErrorCodes.RateLimited => "rate_limited",
            { } code when code == ErrorCodes.Duplicate => "duplicate",
            { } code when code == ErrorCodes.DoNotCall => "dnc",
            { } code when code == ErrorCodes.Unavailable => "unavailable",
            _ => "invalid",
        };
        Inserts.Add(1, new KeyValuePair<string, object?>("result", result));
    }
}
