using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// /v1/leads/search (token scope <c>leads</c>, Convoso dialect): the token's account's leads that match every
/// given field, newest first, a page at a time, as Convoso's Search Leads answers:
/// <c>{"success":true,"data":{"offset":0,"limit":10,"total":"1","entries":[{…strings…}]}}</c>.
/// Reads PostgreSQL directly; searching changes nothing, so no grain is involved.
/// </summary>
public static class SearchLeadsEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Leads, ApiDialect.Convoso, "Search leads (Convoso's Search Leads)")
    {
        Parameters = LeadSearchParameters.Catalog,
        TakesLeadFields = true,
        ExampleAnswer = """{"success":true,"data":{"offset":0,"limit":10,"total":"1","entries":[{"id":"5","lead_id":"5","list_id":"17","phone_number":"8181234561","user_id":"2","status":"NEW","…":"…"}]}}""",
    };

    public static void MapSearchLeads(this IEndpointRouteBuilder v1) => v1.MapApi("leads/search", Contract, HandleAsync);

    private static async Task<ApiResult> HandleAsync(
        ApiRequest request, AccountDirectory directory, LeadSearchStore store, LeadSearchOptions options, CancellationToken cancel)
    {
        var customFields = (await directory.GetCustomFieldsAsync(request.AccountId)).Keys.Order(StringComparer.Ordinal).ToList();
        var (search, invalid) = LeadSearchParser.Parse(request.Values, customFields);
        if (invalid is not null)
            return ApiResult.Refused(invalid);
        request.Ignored = search!.Ignored;

        var page = await store.SearchAsync(request.AccountId, search, options, cancel);
        if (page is null)
            return ApiResult.Refused(ConvosoErrors.SearchTooSlow(options.TimeoutSeconds));
        return ApiResult.Page(search.Offset, search.Limit, page.Total, page.Rows,
            (json, row) => LeadEntryWriter.WriteFields(json, row, customFields),
            page.TotalExact ? null : json => json.WriteBoolean("total_is_estimate", true));
    }
}
