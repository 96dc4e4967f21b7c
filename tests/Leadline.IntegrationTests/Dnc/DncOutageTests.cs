using System.Net;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

/// <summary>
/// While PostgreSQL refuses connections a DNC change answers 503 and leaves nothing behind: not in the
/// table, and not in the shard's index (which took the scope ahead of the write and must reload), so
/// inserts of the number pass afterwards.
/// </summary>
public sealed class DncOutageTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task A_dnc_insert_during_an_outage_answers_503_and_leaves_no_refusal_behind()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        // Warm the phone's shard and the token cache, so the outage hits the DNC write itself (retrying:
        // pooled connections an earlier outage ended fail once each).
        var warmup = await Outage.RetryWhileUnavailableAsync(() => account.InsertAsync(("phone_number", TestPhones.InSameShardAs(phone).Raw)));
        Assert.True(warmup.Success, warmup.Json.ToString());

        var during = await Outage.DuringAsync(leadline.Database, () => dnc.PostAsync("insert", ("phone_number", phone.Raw)));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 5030), (during.Status, during.Code));
        Assert.Equal(0, await dnc.CountEntriesAsync());
        var lead = await Outage.RetryWhileUnavailableAsync(() => dnc.InsertLeadCheckingDncAsync(phone));
        Assert.True(lead.Success, lead.Json.ToString());
    }

    [Fact]
    public async Task A_dnc_delete_during_an_outage_answers_503_and_the_entry_still_refuses()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        // Pooled connections a previous outage ended fail once each: retry as a vendor would.
        var inserted = await Outage.RetryWhileUnavailableAsync(() => dnc.PostAsync("insert", ("phone_number", phone.Raw)));
        var id = DncClient.Id(inserted); // and the token is cached now: the outage hits the delete

        var during = await Outage.DuringAsync(leadline.Database, () => dnc.PostAsync("delete", ("id", id.ToString())));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 5030), (during.Status, during.Code));
        Assert.Equal(1, await dnc.CountEntriesAsync());
        var lead = await Outage.RetryWhileUnavailableAsync(() => dnc.InsertLeadCheckingDncAsync(phone));
        Assert.Equal(6010, lead.Code);
    }
}
