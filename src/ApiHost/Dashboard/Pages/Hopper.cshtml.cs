using System.Text.Json.Serialization;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.Grains.Hopper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// A campaign's hopper, live: depth by priority from the hopper grain, next expiries and current leases from
/// hopper_entries. The page polls <c>?handler=Data</c> (cookie auth like the page) every few seconds.
/// </summary>
public sealed class HopperModel(AccountQueries account, HopperQueries hopper, IGrainFactory grains) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public CampaignRow? Campaign { get; private set; }

    public async Task OnGetAsync(long? campaignId)
    {
        Campaigns = await account.CampaignNamesAsync(User.AccountId());
        Campaign = Campaigns.FirstOrDefault(c => c.CampaignId == campaignId) ?? Campaigns.FirstOrDefault();
    }

    public async Task<IActionResult> OnGetDataAsync(long campaignId)
    {
        // Another account's campaign is answered like an unknown one.
        if (!(await account.CampaignNamesAsync(User.AccountId())).Any(c => c.CampaignId == campaignId))
            return NotFound();
        var status = await grains.GetGrain<IHopperGrain>(campaignId).StatusAsync();
        var now = DateTimeOffset.UtcNow;
        return new JsonResult(new HopperLive(
            [.. status.ReadyByPriority.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => new PriorityDepth(p.Key, p.Value))],
            status.ReadyByPriority.Values.Sum(),
            status.Leased,
            status.OldestInsertedAt is { } oldest ? Math.Max(0, (long)(now - oldest).TotalSeconds) : null,
            status.NextExpiry is { } next ? DashboardFormat.Time(next) : null,
            [.. (await hopper.ExpiringSoonAsync(campaignId)).Select(Row)],
            [.. (await hopper.LeasedAsync(campaignId)).Select(Row)]));
    }

    private static HopperLiveEntry Row(HopperRow r) => new(
        DashboardFormat.Id(r.LeadId), r.Priority, r.State, DashboardFormat.Time(r.ExpiresAt), r.LeasedTo, DashboardFormat.Time(r.LeaseUntil));

    public sealed record PriorityDepth([property: JsonPropertyName("priority")] int Priority, [property: JsonPropertyName("count")] int Count);

    public sealed record HopperLiveEntry(
        [property: JsonPropertyName("lead_id")] string LeadId,
        [property: JsonPropertyName("priority")] int Priority,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("expires_at")] string ExpiresAt,
        [property: JsonPropertyName("leased_to")] string? LeasedTo,
        [property: JsonPropertyName("lease_until")] string LeaseUntil);

    public sealed record HopperLive(
        [property: JsonPropertyName("ready_by_priority")] IReadOnlyList<PriorityDepth> ReadyByPriority,
        [property: JsonPropertyName("ready")] int Ready,
        [property: JsonPropertyName("leased")] int Leased,
        [property: JsonPropertyName("oldest_entry_age_seconds")] long? OldestEntryAgeSeconds,
        [property: JsonPropertyName("next_expiry")] string? NextExpiry,
        [property: JsonPropertyName("expiring_soon")] IReadOnlyList<HopperLiveEntry> ExpiringSoon,
        [property: JsonPropertyName("leased_now")] IReadOnlyList<HopperLiveEntry> LeasedNow);
}
