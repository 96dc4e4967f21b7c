using Leadline.Grains.Campaigns;
using Leadline.Grains.Hopper;
using Leadline.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>
/// The loader on a real two-silo cluster: leads posted without hopper=1 reach the hopper within a loader cycle, in
/// the campaign's lead order, only with a dialable status, never from an archived list, on DNC, deleted or already
/// in the hopper; a dialed lead comes back only after its status's recycle delay.
/// </summary>
public sealed class HopperLoaderTests(LoaderCluster leadline) : IClassFixture<LoaderCluster>
{
    [Fact]
    public async Task A_lead_posted_without_hopper_reaches_the_hopper_within_one_loader_cycle_in_lead_order()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        await leadline.DialSettingsAsync(account.CampaignId, s => s with { HopperLevel = 50 });
        var posted = new List<long>();
        for (var i = 0; i < 5; i++)
            posted.Add(await InsertAsync(account));

        await WaitForAsync(() => ReadyAsync(hopper), 5, LoaderCluster.Cycle * 4);
        var pulled = await hopper.PullAsync(10);
        Assert.Equal(posted, pulled.Select(p => p.LeadId)); // oldest first
        Assert.All(pulled, p => Assert.Equal(HopperGrain.LoadedPriority, p.Priority));
    }

    [Fact]
    public async Task Newest_first_and_by_list_orders_are_kept()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var secondList = await account.AddListAsync(account.CampaignId, "second");
        var inSecond = await InsertAsync(account, listId: secondList);
        var inFirst = new[] { await InsertAsync(account), await InsertAsync(account) };

        await leadline.DialSettingsAsync(account.CampaignId, s => s with { HopperLevel = 10, LeadOrder = LeadOrder.NewestFirst });
        await WaitForAsync(() => ReadyAsync(hopper), 3, LoaderCluster.Cycle * 4);
        Assert.Equal([inFirst[1], inFirst[0], inSecond], (await hopper.PullAsync(10)).Select(p => p.LeadId));

        var other = await leadline.CreateAccountAsync();
        var otherHopper = new HopperClient(other);
        var otherSecond = await other.AddListAsync(other.CampaignId, "second");
        var b = await InsertAsync(other, listId: otherSecond);
        var a = new[] { await InsertAsync(other), await InsertAsync(other) };
        await leadline.DialSettingsAsync(other.CampaignId, s => s with { HopperLevel = 10, LeadOrder = LeadOrder.ByList });
        await WaitForAsync(() => ReadyAsync(otherHopper), 3, LoaderCluster.Cycle * 4);
        Assert.Equal([a[0], a[1], b], (await otherHopper.PullAsync(10)).Select(p => p.LeadId)); // lowest list id first
    }

    [Fact]
    public async Task Only_dialable_statuses_are_loaded_and_never_archived_dnc_deleted_or_leased_leads()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var archivedList = await account.AddListAsync(account.CampaignId, "archived");
        var fresh = await InsertAsync(account);
        var callback = await InsertAsync(account, status: "CALLBK");
        var sale = await InsertAsync(account, status: "SALE");
        var inArchived = await InsertAsync(account, listId: archivedList);
        await leadline.Database.ExecuteAsync("UPDATE lists SET archived = true WHERE list_id = $1", archivedList);
        var dncPhone = TestPhones.Next();
        var onDnc = await InsertAsync(account, phone: dncPhone);
        Assert.True((await account.PostFormAsync("/v1/dnc/insert", [("phone_number", dncPhone.Raw), ("phone_code", "1")])).Success);
        var deleted = await InsertAsync(account);
        Assert.True((await account.PostFormAsync("/v1/leads/delete", [("lead_id", deleted.ToString())])).Success);
        var leased = await InsertAsync(account, hopper: true);
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1));
        Assert.Equal(leased, lease.LeadId);

        await leadline.DialSettingsAsync(account.CampaignId, s => s with { HopperLevel = 100, DialableStatuses = ["NEW", "CALLBK"] });
        await WaitForAsync(() => ReadyAsync(hopper), 2, LoaderCluster.Cycle * 4);
        await Task.Delay(LoaderCluster.Cycle * 2); // more cycles load nothing more

        var rows = await leadline.Database.ListAsync<long>(
            "SELECT lead_id FROM hopper_entries WHERE campaign_id = $1 ORDER BY lead_id", account.CampaignId);
        Assert.Equal(new[] { fresh, callback, leased }.Order(), rows);
        Assert.DoesNotContain(sale, rows);
        Assert.DoesNotContain(inArchived, rows);
        Assert.DoesNotContain(onDnc, rows);
        Assert.DoesNotContain(deleted, rows);
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries WHERE lead_id = $1 AND state = 'LEASED'", leased));
    }

    [Fact]
    public async Task A_dialed_lead_is_loaded_again_only_when_its_status_recycles()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var noAnswer = await InsertAsync(account);
        var sold = await InsertAsync(account);
        await leadline.DialSettingsAsync(account.CampaignId, s => s with
        {
            HopperLevel = 10,
            DialableStatuses = ["NEW", "NA"],
            RecycleMinutes = new Dictionary<string, int> { ["NA"] = 1 },
        });
        await WaitForAsync(() => ReadyAsync(hopper), 2, LoaderCluster.Cycle * 4);
        var leases = (await hopper.PullAsync(2)).ToDictionary(p => p.LeadId, p => p.LeaseId);
        Assert.True((await hopper.PostAsync("ack", ("lease_ids", leases[noAnswer].ToString()), ("status", "NA"))).Success);
        Assert.True((await hopper.PostAsync("ack", ("lease_ids", leases[sold].ToString()), ("status", "SALE"))).Success);

        await Task.Delay(LoaderCluster.Cycle * 3);
        Assert.Equal(0, await ReadyAsync(hopper)); // NA waits a minute; SALE is not dialable

        // A minute after its dial (moved back in the table rather than waiting), the NA lead recycles.
        await leadline.Database.ExecuteAsync("UPDATE leads SET last_dialed_at = last_dialed_at - interval '61 seconds' WHERE lead_id = $1", noAnswer);
        await WaitForAsync(() => ReadyAsync(hopper), 1, LoaderCluster.Cycle * 4);
        Assert.Equal(noAnswer, Assert.Single(await hopper.PullAsync(5)).LeadId);
    }

    [Fact]
    public async Task Two_silos_never_load_one_lead_twice()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var posted = new List<long>();
        for (var i = 0; i < 300; i++)
            posted.Add(await InsertAsync(account));
        await leadline.DialSettingsAsync(account.CampaignId, s => s with { HopperLevel = 120 });

        // Loader cycles asked for from both silos and the client at once, while dialers pull and ack.
        var loads = Enumerable.Range(0, 20).Select(i => (i % 2 == 0
            ? leadline.Cluster.Client
            : ((InProcessSiloHandle)leadline.Cluster.Silos[i / 2 % leadline.Cluster.Silos.Count]).SiloHost.Services.GetRequiredService<IGrainFactory>())
            .GetGrain<IHopperGrain>(account.CampaignId).LoadNowAsync());
        var dialers = Enumerable.Range(0, 6).Select(d => DialAllAsync(hopper, $"dialer-{d}", posted.Count));
        await Task.WhenAll(loads);
        var dialed = (await Task.WhenAll(dialers)).SelectMany(d => d).ToList();

        Assert.Equal(dialed.Count, dialed.Distinct().Count()); // no lead handed out twice
        Assert.Equal(posted.Order(), dialed.Order());          // and every lead, by loader cycles alone
        Assert.Equal(posted.Count, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM dial_attempts WHERE campaign_id = $1", account.CampaignId));
    }

    /// <summary>Pulls and acks until <paramref name="total"/> leads were dialed by all dialers together, or nothing comes for a while.</summary>
    private async Task<List<long>> DialAllAsync(HopperClient hopper, string dialer, int total)
    {
        var dialed = new List<long>();
        var idleSince = DateTime.UtcNow;
        while (DateTime.UtcNow - idleSince < TimeSpan.FromSeconds(5) &&
               await leadline.Database.ScalarAsync("SELECT count(*) FROM dial_attempts WHERE campaign_id = $1", hopper.Account.CampaignId) < total)
        {
            var pulled = await hopper.PullAsync(7, dialer: dialer);
            if (pulled.Count == 0)
            {
                await Task.Delay(100);
                continue;
            }
            idleSince = DateTime.UtcNow;
            Assert.True((await hopper.AckAsync([.. pulled.Select(p => p.LeaseId)])).Success);
            dialed.AddRange(pulled.Select(p => p.LeadId));
        }
        return dialed;
    }

    private static async Task<long> InsertAsync(TestAccount account, long? listId = null, string? status = null, TestPhone? phone = null, bool hopper = false)
    {
        var fields = new List<(string, string)> { ("phone_number", (phone ?? TestPhones.Next()).Raw) };
        if (listId is { } id)
            fields.Add(("list_id", id.ToString()));
        if (status is not null)
            fields.Add(("status", status));
        if (hopper)
            fields.Add(("hopper", "1"));
        var answer = await account.InsertAsync([.. fields]);
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.LeadId;
    }

    private static async Task<int> ReadyAsync(HopperClient hopper) => (await hopper.StatusAsync()).GetProperty("ready").GetInt32();

    private static async Task WaitForAsync(Func<Task<int>> read, int expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within + TimeSpan.FromSeconds(2); // plus the one-way settings notice
        int seen;
        do
        {
            seen = await read();
            if (seen == expected)
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Saw {seen}, expected {expected} within {within}");
    }
}
