using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>
/// /v1/lists/create, update, archive, unarchive, search. A list change reaches the phone shards (dedup)
/// and the hoppers before the answer; this host's list cache is dropped, other hosts see the change within
/// <see cref="AccountDirectory.CacheFor"/> (the shards and the hopper's pull-time check already act on it).
/// </summary>
public static class ListEndpoints
{
    public const string ListId = "list_id";
    public const string CampaignId = "campaign_id";
    public const string Archived = "archived";
    public const int MaxNameLength = 255;

    public static Task CreateAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists, CampaignStore campaigns) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryText(call.Values, Name, MaxNameLength, required: true, out var name, out var error)
                || !ApiParameters.TryId(call.Values, CampaignId, ConvosoErrors.NoSuchCampaign, AdminCall.Errors, out var campaignId, out error))
                return error;
            if (await campaigns.FindAsync(call.AccountId, campaignId) is null)
                return ConvosoErrors.NoSuchCampaign;

            var list = await lists.CreateAsync(call.AccountId, campaignId, name!);
            await ApiResponses.WriteSuccessAsync(http.Response, json => Write(json, list!));
            return null;
        });

    public static Task UpdateAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists, CampaignStore campaigns,
        ListFanOut fanOut, AccountDirectory directory) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, ListId, ConvosoErrors.NoSuchList, AdminCall.Errors, out var listId, out var error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !ApiParameters.TryOptionalId(call.Values, CampaignId, ConvosoErrors.NoSuchCampaign, out var campaignId, out error))
                return error;
            if (name is null && campaignId is null)
                return AdminCall.Errors.Required("name or campaign_id");
            if (await lists.FindAsync(call.AccountId, listId) is null)
                return ConvosoErrors.NoSuchList;
            if (campaignId is { } target && await campaigns.FindAsync(call.AccountId, target) is null)
                return ConvosoErrors.NoSuchCampaign;

            var list = await lists.UpdateAsync(call.AccountId, listId, name, campaignId);
            if (list is null)
                return ConvosoErrors.NoSuchList;
            var removed = 0;
            try
            {
                // Repeated even when the list is already there: a retry after a 503 completes the move.
                if (campaignId is { } moveTo)
                {
                    await fanOut.SetCampaignAsync(call.AccountId, listId, moveTo);
                    removed = await fanOut.RemoveFromHoppersAsync(call.AccountId, listId, keepCampaignId: moveTo);
                }
            }
            finally
            {
                directory.ForgetList(listId);
            }
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, list);
                if (campaignId is not null)
                    json.WriteNumber("removed_from_hopper", removed);
            });
            return null;
        });

    public static Task ArchiveAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists, ListFanOut fanOut, AccountDirectory directory) =>
        SetArchivedAsync(http, auth, lists, fanOut, directory, archived: true);

    public static Task UnarchiveAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists, ListFanOut fanOut, AccountDirectory directory) =>
        SetArchivedAsync(http, auth, lists, fanOut, directory, archived: false);

    /// <summary>
    /// Archived leads stay (check_dup_archive finds them) but leave the hoppers and are skipped by the
    /// normal check_dup. Unarchiving does not put them back in a hopper.
    /// </summary>
    private static Task SetArchivedAsync(HttpContext http, ApiTokenAuthenticator auth, ListStore lists, ListFanOut fanOut,
        AccountDirectory directory, bool archived) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, ListId, ConvosoErrors.NoSuchList, AdminCall.Errors, out var listId, out var error))
                return error;
            var list = await lists.SetArchivedAsync(call.AccountId, listId, archived);
            if (list is null)
                return ConvosoErrors.NoSuchList;
            var removed = 0;
            try
            {
                await fanOut.SetArchivedAsync(call.AccountId, listId, archived);
                if (archived)
                    removed = await fanOut.RemoveFromHoppersAsync(call.AccountId, listId);
            }
            finally
            {
                directory.ForgetList(listId);
            }
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, list);
                if (archived)
                    json.WriteNumber("removed_from_hopper", removed);
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
            await AdminSearchResponse.WriteAsync(http.Response, page, total, rows, (json, list) =>
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
