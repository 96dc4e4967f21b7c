using System.Text.Json;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>
/// Convoso's /v1/lists/insert, update, delete, search, and Leadline's lists/unarchive (lists/create and
/// lists/archive are aliases of insert and delete). A list change reaches the phone shards (dedup) and the
/// hoppers before the answer; this host's list cache is dropped, other hosts see the change within
/// <see cref="Accounts.AccountDirectory.CacheFor"/> (the shards and the hopper's pull-time check already act on it).
/// Lists have two switches: Convoso's status (Y/N, <see cref="ListRow.Active"/>: stored and shown only) and
/// Leadline's archive (leads leave the hoppers and check_dup); Convoso's delete is served as the archive.
/// </summary>
public static class ListEndpoints
{
    public const string Id = "id";
    public const string ListId = "list_id";
    public const string CampaignId = "campaign_id";
    public const string Description = "description";
    public const string Archived = "archived";
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 255;

    private static readonly ApiParameter StatusParameter = new(Status, ApiParameterType.Flag,
        $"The list's status: active (1, Y, true, active) or inactive (0, N, false, inactive); any of {StatusAccepted}");

    public static readonly ApiEndpoint InsertContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Create a list (Convoso's Lists Insert)")
    {
        Parameters =
        [
            new(Name, ApiParameterType.Text, $"The list's name, 1-{MaxNameLength} characters (6003 when missing)", Required: true),
            new(CampaignId, ApiParameterType.Id, "The campaign the list belongs to (6004 when unknown)", Required: true),
            new(Description, ApiParameterType.Text, $"0-{MaxDescriptionLength} characters"),
            StatusParameter with { Description = StatusParameter.Description + "; default active" },
        ],
        Aliases = ["lists/create"],
        ExampleAnswer = """{"success":true,"data":{"list_id":2807,"name":"MyListName","campaign_id":"2999","description":"List Description","status":"Y","archived":false,"created_at":"…","modified_at":"…"},"id":2807}""",
    };

    public static readonly ApiEndpoint UpdateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Change a list (Convoso's Lists Update)")
    {
        Parameters =
        [
            new(ListId, ApiParameterType.Id, "The list (6002 when unknown)", Required: true),
            new(Name, ApiParameterType.Text, $"A new name, 1-{MaxNameLength} characters"),
            new(CampaignId, ApiParameterType.Id, "Moves the list and its leads to this campaign (6004 when unknown)"),
            new(Description, ApiParameterType.Text, $"A new description, 1-{MaxDescriptionLength} characters"),
            StatusParameter,
        ],
        ExampleAnswer = """{"success":true,"data":{"list_id":2807,"name":"MyNewListName","campaign_id":"2999","description":"…","status":"Y","archived":false,"created_at":"…","modified_at":"…"}}""",
    };

    public static readonly ApiEndpoint DeleteContract = new(ApiScopes.Admin, ApiDialect.Convoso,
        "Delete a list (Convoso's Lists Delete): Leadline archives it and keeps its leads")
    {
        Parameters = [new(ListId, ApiParameterType.Id, "The list (6002 when unknown)", Required: true)],
        Aliases = ["lists/archive"],
        ExampleAnswer = """{"success":true,"data":{"list_id":2807,"name":"…","campaign_id":"2999","description":null,"status":"Y","archived":true,"created_at":"…","modified_at":"…","removed_from_hopper":3}}""",
    };

    public static readonly ApiEndpoint UnarchiveContract = new(ApiScopes.Admin, ApiDialect.Convoso,
        "Unarchive a list (Leadline): its leads count for check_dup again; they are not put back in a hopper")
    {
        Parameters = [new(ListId, ApiParameterType.Id, "The list (6002 when unknown)", Required: true)],
        ExampleAnswer = """{"success":true,"data":{"list_id":2807,"name":"…","campaign_id":"2999","description":null,"status":"Y","archived":false,"created_at":"…","modified_at":"…"}}""",
    };

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Search lists (Convoso's Lists Search)")
    {
        Parameters =
        [
            new(Id, ApiParameterType.Id, "Only this list"),
            new(ListId, ApiParameterType.Id, "Only this list (Leadline's name for id)"),
            new(CampaignId, ApiParameterType.Id, "Only this campaign's lists"),
            StatusParameter with { Description = $"Only active (1, Y, true) or inactive (0, N, false) lists; absent: both. Any of {StatusAccepted}" },
            new(Name, ApiParameterType.Text, "Lists whose name contains this (any case)"),
            new(Archived, ApiParameterType.Flag, "Only archived (1) or not archived (0) lists; absent: both"),
            .. PageParameters(MaxLimit),
        ],
        ExampleAnswer = """{"success":true,"data":[{"id":2705,"name":"Your List Name","status":"Y","last_called_at":null,"campaign_id":"2999","description":null,"archived":false,"lead_count":12,"created_at":"…","modified_at":"…"}],"offset":0,"limit":1000,"total":"1"}""",
    };

    public static void MapLists(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("lists/insert", InsertContract, InsertAsync);
        v1.MapApi("lists/update", UpdateContract, UpdateAsync);
        v1.MapApi("lists/delete", DeleteContract, DeleteAsync);
        v1.MapApi("lists/unarchive", UnarchiveContract, UnarchiveAsync);
        v1.MapApi("lists/search", SearchContract, SearchAsync);
    }

    private static async Task<ApiResult> InsertAsync(ApiRequest request, ListOperations operations)
    {
        if (request.Get(Name) is null)
            return ApiResult.Refused(AdminErrors.ListNameRequired);
        var name = request.Text(Name, MaxNameLength, required: true)!;
        var campaignId = request.Id(CampaignId, AdminErrors.ListUnknownCampaign);
        var description = request.Text(Description, MaxDescriptionLength, lineBreaks: true);
        var active = request.ActiveStatus() ?? true;

        if (await operations.CreateAsync(request.AccountId, campaignId, name, description, active) is not { } list)
            return ApiResult.Refused(AdminErrors.ListUnknownCampaign);
        return ApiResult.Data(json => WriteList(json, list), after => after.WriteNumber("id", list.ListId));
    }

    private static async Task<ApiResult> UpdateAsync(ApiRequest request, ListOperations operations)
    {
        var listId = request.Id(ListId, ConvosoErrors.NoSuchList);
        var update = new ListUpdate(
            request.Text(Name, MaxNameLength),
            request.OptionalId(CampaignId, AdminErrors.ListUnknownCampaign),
            request.Text(Description, MaxDescriptionLength, lineBreaks: true),
            request.ActiveStatus());
        if (update.IsEmpty)
            return ApiResult.Refused(ConvosoErrors.Required("name, campaign_id, description or status"));

        var (change, refusal) = await operations.UpdateAsync(request.AccountId, listId, update);
        if (refusal is not null)
            return ApiResult.Refused(refusal);
        return ApiResult.Data(json =>
        {
            WriteList(json, change!.List);
            if (update.CampaignId is not null)
                json.WriteNumber("removed_from_hopper", change.RemovedFromHopper);
        });
    }

    /// <summary>Convoso deletes the list; Leadline archives it (see <see cref="ListOperations.SetArchivedAsync"/>).</summary>
    private static Task<ApiResult> DeleteAsync(ApiRequest request, ListOperations operations) =>
        SetArchivedAsync(request, operations, archived: true);

    private static Task<ApiResult> UnarchiveAsync(ApiRequest request, ListOperations operations) =>
        SetArchivedAsync(request, operations, archived: false);

    private static async Task<ApiResult> SetArchivedAsync(ApiRequest request, ListOperations operations, bool archived)
    {
        var listId = request.Id(ListId, ConvosoErrors.NoSuchList);
        if (await operations.SetArchivedAsync(request.AccountId, listId, archived) is not { } change)
            return ApiResult.Refused(ConvosoErrors.NoSuchList);
        return ApiResult.Data(json =>
        {
            WriteList(json, change.List);
            if (archived)
                json.WriteNumber("removed_from_hopper", change.RemovedFromHopper);
        });
    }

    private static async Task<ApiResult> SearchAsync(ApiRequest request, ListStore lists)
    {
        var id = request.IdFilter(Id);
        var listId = request.IdFilter(ListId);
        var filter = new ListFilter(id ?? listId, request.IdFilter(CampaignId), request.Text(Name, MaxNameLength),
            request.OptionalFlag(Archived), request.ActiveStatus());
        var page = request.Paging(MaxLimit);
        if (id is not null && listId is not null && id != listId)
            return AdminAnswers.Entries(page, 0, Array.Empty<ListRow>(), WriteEntry); // no list has two ids

        var (total, rows) = await lists.SearchAsync(request.AccountId, filter, page);
        return AdminAnswers.Entries(page, total, rows, WriteEntry);
    }

    /// <summary>A list in a single-list answer: Convoso's <c>data.list_id</c> (an integer), then Leadline's fields.</summary>
    private static void WriteList(Utf8JsonWriter json, ListRow list)
    {
        json.WriteNumber("list_id", list.ListId);
        json.WriteString("name", list.Name);
        WriteAdditions(json, list);
    }

    /// <summary>A Lists Search entry: Convoso's id (integer), name, status Y/N, last_called_at, campaign_id (a string), then Leadline's fields.</summary>
    private static void WriteEntry(Utf8JsonWriter json, ListRow list)
    {
        json.WriteNumber("id", list.ListId);
        json.WriteString("name", list.Name);
        json.WriteString("status", YesNo(list.Active));
        json.WriteNull("last_called_at"); // nothing records calls yet
        WriteAdditions(json, list, withStatus: false);
        json.WriteNumber("lead_count", list.LeadCount);
    }

    private static void WriteAdditions(Utf8JsonWriter json, ListRow list, bool withStatus = true)
    {
        json.WriteString("campaign_id", ApiResponses.Id(list.CampaignId));
        if (list.Description is null)
            json.WriteNull("description");
        else
            json.WriteString("description", list.Description);
        if (withStatus)
            json.WriteString("status", YesNo(list.Active));
        json.WriteBoolean("archived", list.Archived);
        json.WriteString("created_at", ApiResponses.Time(list.CreatedAt));
        json.WriteString("modified_at", ApiResponses.Time(list.ModifiedAt));
    }
}
