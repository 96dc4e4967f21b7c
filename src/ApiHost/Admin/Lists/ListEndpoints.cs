using System.Text.Json;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>
/// /v1/lists/create, update, archive, unarchive, search. A list change reaches the phone shards (dedup)
/// and the hoppers before the answer; this host's list cache is dropped, other hosts see the change within
/// <see cref="Accounts.AccountDirectory.CacheFor"/> (the shards and the hopper's pull-time check already act on it).
/// </summary>
public static class ListEndpoints
{
    public const string ListId = "list_id";
    public const string CampaignId = "campaign_id";
    public const string Archived = "archived";
    public const int MaxNameLength = 255;

    public static Task CreateAsync(HttpContext http, ApiTokenAuthenticator auth, ListOperations operations) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryText(call.Values, Name, MaxNameLength, required: true, out var name, out var error)
                || !ApiParameters.TryId(call.Values, CampaignId, ConvosoErrors.NoSuchCampaign, out var campaignId, out error))
                return error;
            if (await operations.CreateAsync(call.AccountId, campaignId, name!) is not { } list)
                return ConvosoErrors.NoSuchCampaign;
            await ApiResponses.WriteSuccessAsync(http.Response, json => Write(json, list));
            return null;
        });

    public static Task UpdateAsync(HttpContext http, ApiTokenAuthenticator auth, ListOperations operations) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, ListId, ConvosoErrors.NoSuchList, out var listId, out var error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !ApiParameters.TryOptionalId(call.Values, CampaignId, ConvosoErrors.NoSuchCampaign, out var campaignId, out error))
                return error;
            if (name is null && campaignId is null)
                return ConvosoErrors.Required("name or campaign_id");
            var (change, refusal) = await operations.UpdateAsync(call.AccountId, listId, name, campaignId);
            if (refusal is not null)
                return refusal;
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, change!.List);
                if (campaignId is not null)
                    json.WriteNumber("removed_from_hopper", change.RemovedFromHopper);
            });
            return null;
        });

    public static Task ArchiveAsync(HttpContext http, ApiTokenAuthenticator auth, ListOperations operations) =>
        SetArchivedAsync(http, auth, operations, archived: true);

    public static Task UnarchiveAsync(HttpContext http, ApiTokenAuthenticator auth, ListOperations operations) =>
        SetArchivedAsync(http, auth, operations, archived: false);

    /// <summary>See <see cref="ListOperations.SetArchivedAsync"/>.</summary>
    private static Task SetArchivedAsync(HttpContext http, ApiTokenAuthenticator auth, ListOperations operations, bool archived) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, ListId, ConvosoErrors.NoSuchList, out var listId, out var error))
                return error;
            if (await operations.SetArchivedAsync(call.AccountId, listId, archived) is not { } change)
                return ConvosoErrors.NoSuchList;
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, change.List);
                if (archived)
                    json.WriteNumber("removed_from_hopper", change.RemovedFromHopper);
            });
            return null;
        });

    public static Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryIdFilter(call.Values, ListId, out var listId, out var error)
                || !TryIdFilter(call.Values, CampaignId, out var campaignId, out error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !TryFlag(call.Values, Archived, out var archived, out error)
                || !TryPage(call.Values, out var page, out error))
                return error;

            var (total, rows) = await lists.SearchAsync(call.AccountId, new ListFilter(listId, campaignId, name, archived), page);
            await ApiResponses.WritePageAsync(http.Response, page.Offset, page.Limit, total, rows, (json, list) =>
            {
                Write(json, list);
                json.WriteNumber("lead_count", list.LeadCount);
            });
            return null;
        });

    private static void Write(Utf8JsonWriter json, ListRow list)
    {
        json.WriteString("list_id", ApiResponses.Id(list.ListId));
        json.WriteString("name", list.Name);
        json.WriteString("campaign_id", ApiResponses.Id(list.CampaignId));
        json.WriteBoolean("archived", list.Archived);
        json.WriteString("created_at", ApiResponses.Time(list.CreatedAt));
        json.WriteString("modified_at", ApiResponses.Time(list.ModifiedAt));
    }
}
