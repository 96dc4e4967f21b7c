using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Admin.Lists;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AdminPage = Leadline.ApiHost.Admin.Page;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// Lists: create, rename, assign to a campaign, archive/unarchive, set Convoso's status (Y/N: stored and
/// shown, nothing acts on it yet), with lead counts. Changes go through
/// <see cref="ListOperations"/>, the code of /v1/lists/*, so an archive or a move reaches every phone
/// shard and hopper before the page answers.
/// </summary>
public sealed class ListsModel(ListStore lists, CampaignStore campaigns, ListOperations operations) : PageModel
{
    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public long? OnlyCampaign { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public string CampaignName(long campaignId) => Campaigns.FirstOrDefault(c => c.CampaignId == campaignId)?.Name ?? "";

    public Task OnGetAsync(long? campaignId) => LoadAsync(campaignId);

    public async Task<IActionResult> OnPostCreateAsync(long campaignId)
    {
        if (TryName(required: true, out var name))
        {
            if (await operations.CreateAsync(User.AccountId(), campaignId, name!) is { } list)
                Notice = $"List {list.ListId} “{list.Name}” created in campaign {list.CampaignId}.";
            else
                Fail(AdminErrors.ListUnknownCampaign);
        }
        await LoadAsync(null);
        return Page();
    }

    /// <summary>Rename and/or assign to another campaign: the leads move with the list, and leave the old campaign's hopper.</summary>
    public async Task<IActionResult> OnPostUpdateAsync(long listId, long? campaignId)
    {
        if (TryName(required: false, out var name))
        {
            var current = await lists.FindAsync(User.AccountId(), listId);
            var moveTo = campaignId is { } target && target != current?.CampaignId ? campaignId : null;
            var (change, error) = await operations.UpdateAsync(User.AccountId(), listId, new ListUpdate(name, moveTo));
            if (error is not null)
                Fail(error);
            else
                Notice = $"List {listId} saved: “{change!.List.Name}” in campaign {change.List.CampaignId}"
                    + (moveTo is null ? "." : $"; {change.RemovedFromHopper} lead(s) left other campaigns' hoppers.");
        }
        await LoadAsync(null);
        return Page();
    }

    /// <summary>Convoso's status, as /v1/lists/update's status sets it: separate from the archive.</summary>
    public async Task<IActionResult> OnPostStatusAsync(long listId, bool active)
    {
        var (_, error) = await operations.UpdateAsync(User.AccountId(), listId, new ListUpdate(Active: active));
        if (error is not null)
            Fail(error);
        else
            Notice = $"List {listId} is now {(active ? "active (status Y)" : "inactive (status N)")}. "
                + "The status is stored and shown; it does not stop inserts or dialing yet.";
        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(long listId, bool archived)
    {
        if (await operations.SetArchivedAsync(User.AccountId(), listId, archived) is { } change)
            Notice = archived
                ? $"List {listId} archived; {change.RemovedFromHopper} lead(s) left the hoppers."
                : $"List {listId} unarchived (its leads are not put back in a hopper).";
        else
            Fail(ConvosoErrors.NoSuchList);
        await LoadAsync(null);
        return Page();
    }

    private bool TryName(bool required, out string? name)
    {
        var values = DashboardForm.Values(Request.Form, [AdminParameters.Name]);
        if (!AdminParameters.TryText(values, AdminParameters.Name, ListEndpoints.MaxNameLength, required, out name, out var error))
            Fail(error!);
        return Error is null;
    }

    private void Fail(ConvosoError error)
    {
        Error = error.Text;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task LoadAsync(long? campaignId)
    {
        var accountId = User.AccountId();
        OnlyCampaign = campaignId;
        (_, Campaigns) = await campaigns.SearchAsync(accountId, new CampaignFilter(null, null, null), new AdminPage(0, AdminParameters.MaxLimit));
        (_, Lists) = await lists.SearchAsync(accountId, new ListFilter(null, campaignId, null, null), new AdminPage(0, AdminParameters.MaxLimit));
    }
}
