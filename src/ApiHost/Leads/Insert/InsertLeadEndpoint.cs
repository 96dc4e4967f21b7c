using System.Diagnostics.Metrics;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Insert;

/// <summary>
/// POST /v1/leads/insert: parse, authenticate, validate, resolve the list, then let the phone's shard
/// decide and commit. The answer is sent only after the lead's transaction committed.
/// </summary>
public static class InsertLeadEndpoint
{
    private static readonly Meter Meter = new("Leadline.Api");
    private static readonly Counter<long> Inserts = Meter.CreateCounter<long>("leadline.leads.insert", description: "Insert requests by outcome");

    public static void MapInsertLead(this IEndpointRouteBuilder routes) =>
        routes.MapMethods("/v1/leads/insert", ["GET", "POST"], HandleAsync);

    private static async Task HandleAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, PhoneShardRefs shards)
    {
        var (outcome, ignored) = await InsertAsync(http, auth, directory, shards);
        Inserts.Add(1, new KeyValuePair<string, object?>("result", outcome.Result));
        if (outcome.Error is { } error)
            await ConvosoResponses.WriteErrorAsync(http.Response, error, ignored);
        else
            await ConvosoResponses.WriteLeadSuccessAsync(http.Response, outcome.LeadId, outcome.Updated, ignored ?? []);
    }

    private sealed record Outcome(string Result, ConvosoError? Error = null, long LeadId = 0, bool Updated = false);

    private static async Task<(Outcome, IReadOnlyList<string>?)> InsertAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, PhoneShardRefs shards)
    {
        FlatParameters.LimitBody(http);
        var (values, malformed) = await FlatParameters.ReadAsync(http.Request);
        if (malformed is not null)
            return (new Outcome("malformed", malformed), null);

        var (token, authError) = await auth.AuthenticateAsync(values!.GetValueOrDefault(InsertParameterNames.AuthToken), ApiScopes.Leads);
        if (authError is not null)
            return (new Outcome(authError.HttpStatus == StatusCodes.Status429TooManyRequests ? "rate_limited" : "unauthorized", authError), null);

        var (request, invalid) = InsertLeadParser.Parse(values!, await directory.GetCustomFieldsAsync(token!.AccountId));
        if (invalid is not null)
            return (new Outcome("invalid", invalid), null);

        var list = await directory.FindListAsync(token.AccountId, request!.ListId);
        if (list is null
            || (request.Dedup.SearchListId is { } searchList && await directory.FindListAsync(token.AccountId, searchList) is null))
            return (new Outcome("invalid", ConvosoErrors.NoSuchList), request.Ignored);
        if (request.Dedup.SearchCampaignId is { } searchCampaign && await directory.FindCampaignAsync(token.AccountId, searchCampaign) is null)
            return (new Outcome("invalid", ConvosoErrors.NoSuchCampaign), request.Ignored);

        // An archived list's leads are kept but never dialed, so they do not enter the hopper.
        var hopper = list.Archived ? null : request.Hopper;
        var command = new LeadInsertCommand(
            token.AccountId, list.ListId, list.CampaignId, request.Phone, request.Dedup, hopper, request.Fields, token.UserId);
        var result = await shards.For(token.AccountId, request.Phone.E164).InsertAsync(command);

        var outcome = result.Result switch
        {
            InsertResult.Inserted => new Outcome("inserted", LeadId: result.LeadId),
            InsertResult.Updated => new Outcome("updated", LeadId: result.LeadId, Updated: true),
            InsertResult.Duplicate => new Outcome("duplicate", ConvosoErrors.Duplicate(result.LeadId)),
            InsertResult.DoNotCall => new Outcome("dnc", ConvosoErrors.DoNotCall),
            _ => new Outcome("unavailable", ConvosoErrors.Unavailable),
        };
        return (outcome, request.Ignored);
    }
}
