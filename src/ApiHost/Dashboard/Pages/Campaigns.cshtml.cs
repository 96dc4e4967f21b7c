using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AdminPage = Leadline.ApiHost.Admin.Page;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// Campaigns: create, rename, set active/inactive, with list and lead counts, through the admin API's
/// store and checks (/v1/campaigns/create, update, search).
/// </summary>
public sealed class CampaignsModel(CampaignStore campaigns, AccountDirectory directory, IGrainFactory grains) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var values = DashboardForm.Values(Request.Form, [AdminParameters.Name, CampaignEndpoints.Status]);
        if (TryRead(values, required: true, out var name, out var status))
        {
            var created = await campaigns.CreateAsync(User.AccountId(), name!, status ?? CampaignEndpoints.Statuses[0]);
            await CampaignEndpoints.StatusChangedAsync(grains, created!.CampaignId);
            Notice = $"Campaign {created!.CampaignId} “{created.Name}” created.";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(long campaignId)
    {
        var values = DashboardForm.Values(Request.Form, [AdminParameters.Name, CampaignEndpoints.Status]);
        if (TryRead(values, required: false, out var name, out var status))
        {
            if (await campaigns.UpdateAsync(User.AccountId(), campaignId, name, status) is { } updated)
            {
                directory.ForgetCampaign(campaignId);
                if (status is not null)
                    await CampaignEndpoints.StatusChangedAsync(grains, campaignId);
                Notice = $"Campaign {updated.CampaignId} saved: “{updated.Name}”, {updated.Status}.";
            }
            else
                Fail(AdminErrors.CampaignUnknown);
        }
        await LoadAsync();
        return Page();
    }

    private bool TryRead(IReadOnlyDictionary<string, string> values, bool required, out string? name, out string? status)
    {
        status = values.GetValueOrDefault(CampaignEndpoints.Status)?.ToLowerInvariant();
        if (!AdminParameters.TryText(values, AdminParameters.Name, CampaignEndpoints.MaxNameLength, required, out name, out var error))
            Fail(error!);
        else if (status is not null && !CampaignEndpoints.Statuses.Contains(status))
            Fail(ConvosoErrors.Invalid(CampaignEndpoints.Status, "must be active or inactive"));
        return Error is null;
    }

    private void Fail(ConvosoError error)
    {
        Error = error.Text;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task LoadAsync() =>
        (_, Campaigns) = await campaigns.SearchAsync(User.AccountId(), new CampaignFilter(null, null, null), new AdminPage(0, AdminParameters.MaxLimit));
}
