using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// /v1/leads/search (token scope <c>leads</c>): the token's account's leads that match every given
/// field, newest first, a page at a time: <c>{"success":true,"data":{"offset","limit","total","entries"}}</c>.
/// Reads PostgreSQL directly; searching changes nothing, so no grain is involved.
/// </summary>
public static class SearchLeadsEndpoint
{
    public static void MapSearchLeads(this IEndpointRouteBuilder routes) =>
        routes.MapMethods("/v1/leads/search", ["GET", "POST"], HandleAsync);

    private static async Task HandleAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, LeadSearchStore store, LeadSearchOptions options)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Leads);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }

        var customFields = (await directory.GetCustomFieldsAsync(call!.AccountId)).Keys.Order(StringComparer.Ordinal).ToList();
        var (request, invalid) = LeadSearchParser.Parse(call.Values, customFields);
        if (invalid is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, invalid);
            return;
        }

        var page = await store.SearchAsync(call.AccountId, request!, options, http.RequestAborted);
        if (page is null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, ConvosoErrors.SearchTooSlow(options.TimeoutSeconds));
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteNumber("offset", request!.Offset);
            json.WriteNumber("limit", request.Limit);
            json.WriteNumber("total", page.Total);
            if (!page.TotalExact)
                json.WriteBoolean("total_is_estimate", true);
            json.WriteStartArray("entries");
            foreach (var row in page.Rows)
                LeadEntryWriter.Write(json, row, customFields);
            json.WriteEndArray();
        }, request!.Ignored);
    }
}
