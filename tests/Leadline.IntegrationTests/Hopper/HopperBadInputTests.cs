using System.Net;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// Every bad dialer request is a clear 4xx with its code, and changes nothing: the hopper's status and
/// rows are the same before and after.
/// </summary>
public sealed class HopperBadInputTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    public static TheoryData<string, string, string[], HttpStatusCode, int, string> Refusals => new()
    {
        { "unknown campaign", "pull", ["campaign_id", "999999999", "count", "5"], HttpStatusCode.NotFound, 6005, "No such Campaign" },
        { "non-numeric campaign", "pull", ["campaign_id", "abc", "count", "5"], HttpStatusCode.NotFound, 6005, "No such Campaign" },
        { "missing campaign", "pull", ["campaign_id", "", "count", "5"], HttpStatusCode.BadRequest, 6050, "campaign_id" },
        { "count 0", "pull", ["count", "0"], HttpStatusCode.BadRequest, 6050, "count" },
        { "count 501", "pull", ["count", "501"], HttpStatusCode.BadRequest, 6050, "count" },
        { "count abc", "pull", ["count", "abc"], HttpStatusCode.BadRequest, 6050, "count" },
        { "count missing", "pull", [], HttpStatusCode.BadRequest, 6050, "count" },
        { "negative lease", "pull", ["count", "5", "lease_seconds", "-5"], HttpStatusCode.BadRequest, 6050, "lease_seconds" },
        { "zero lease", "pull", ["count", "5", "lease_seconds", "0"], HttpStatusCode.BadRequest, 6050, "lease_seconds" },
        { "lease over an hour", "pull", ["count", "5", "lease_seconds", "3601"], HttpStatusCode.BadRequest, 6050, "lease_seconds" },
        { "unknown lease id", "ack", ["lease_ids", "5f0c2a36-8a7c-4d35-9a1e-3c1f7e2b9d10"], HttpStatusCode.NotFound, 6101, "5f0c2a36-8a7c-4d35-9a1e-3c1f7e2b9d10" },
        { "unknown lease id on release", "release", ["lease_ids", "5f0c2a36-8a7c-4d35-9a1e-3c1f7e2b9d10"], HttpStatusCode.NotFound, 6101, "5f0c2a36" },
        { "malformed lease id", "ack", ["lease_ids", "not-a-guid"], HttpStatusCode.BadRequest, 6050, "lease_ids" },
        { "missing lease ids", "release", [], HttpStatusCode.BadRequest, 6050, "lease_ids" },
        { "add priority 100", "add", ["lead_id", "1", "priority", "100"], HttpStatusCode.BadRequest, 6050, "priority" },
        { "add expires_in 301", "add", ["lead_id", "1", "expires_in", "301"], HttpStatusCode.BadRequest, 6050, "expires_in" },
        { "remove unknown lead", "remove", ["lead_id", "999999999"], HttpStatusCode.NotFound, 6001, "No such Lead" },
        { "unknown token", "status", ["auth_token", "ll_not_a_real_token"], HttpStatusCode.Unauthorized, 5001, "" },
        { "nested parameter", "pull", ["count[]", "5"], HttpStatusCode.BadRequest, 4000, "" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_with_its_code_and_status_and_nothing_changed(
        string why, string action, string[] fields, HttpStatusCode status, int code, string textContains)
    {
        var (hopper, before) = await HopperWithEntriesAsync();

        var pairs = Enumerable.Range(0, fields.Length / 2).Select(i => (fields[2 * i], fields[2 * i + 1])).ToArray();
        var answer = await hopper.PostAsync(action, pairs);

        Assert.True(answer.Status == status && answer.Code == code, $"{why}: {answer.Status} {answer.Json}");
        Assert.False(answer.Success);
        Assert.Contains(textContains, answer.Text);
        await AssertUnchangedAsync(hopper, before);
    }

    [Fact]
    public async Task Another_accounts_campaign_is_no_such_campaign_and_is_not_touched()
    {
        var (mine, _) = await HopperWithEntriesAsync();
        var (theirs, theirsBefore) = await HopperWithEntriesAsync();

        foreach (var (action, fields) in new (string, (string, string)[])[]
        {
            ("pull", [("count", "5")]),
            ("status", []),
            ("remove", [("lead_id", "1")]),
        })
        {
            var answer = await mine.PostAsync(action, [("campaign_id", theirs.Account.CampaignId.ToString()), .. fields]);
            Assert.True(answer.Status == HttpStatusCode.NotFound && answer.Code == 6005, $"{action}: {answer.Status} {answer.Json}");
            Assert.Equal("No such Campaign", answer.Text);
        }
        await AssertUnchangedAsync(theirs, theirsBefore);
    }

    [Fact]
    public async Task Another_campaigns_lease_id_is_unknown_here()
    {
        var (mine, mineBefore) = await HopperWithEntriesAsync();
        var (theirs, _) = await HopperWithEntriesAsync();
        var theirLease = Assert.Single(await theirs.PullAsync(1)).LeaseId;

        var answer = await mine.AckAsync(theirLease);

        Assert.Equal((HttpStatusCode.NotFound, HopperCodes.UnknownLease), (answer.Status, answer.Code));
        await AssertUnchangedAsync(mine, mineBefore);
        Assert.Equal(3, await theirs.CountRowsAsync()); // their entries are all still there
        Assert.Equal(2, (await theirs.StatusAsync()).GetProperty("leased").GetInt32()); // the setup's lease and this one
    }

    [Fact]
    public async Task A_malformed_lease_id_in_a_batch_applies_none_of_it()
    {
        var (hopper, _) = await HopperWithEntriesAsync();
        var lease = Assert.Single(await hopper.PullAsync(1)).LeaseId;
        var before = await SnapshotAsync(hopper);

        var answer = await hopper.PostAsync("ack", ("lease_ids", $"{lease},nope"));

        Assert.Equal((HttpStatusCode.BadRequest, 6050), (answer.Status, answer.Code));
        await AssertUnchangedAsync(hopper, before);
        Assert.True((await hopper.AckAsync(lease)).Success); // the lease is still the dialer's
    }

    [Fact]
    public async Task Token_without_the_hopper_scope_is_refused_with_403()
    {
        var (hopper, before) = await HopperWithEntriesAsync();
        var leadsOnly = await leadline.Accounts.CreateTokenAsync(hopper.Account.AccountId, "leads only", ["leads"]);

        var answer = await hopper.PostAsync("pull", ("auth_token", leadsOnly.Secret), ("count", "5"));

        Assert.Equal((HttpStatusCode.Forbidden, 5002), (answer.Status, answer.Code));
        await AssertUnchangedAsync(hopper, before);
    }

    /// <summary>Two READY entries (99 and 50) and one leased: every state a bad request could disturb.</summary>
    private async Task<(HopperClient, Snapshot)> HopperWithEntriesAsync()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await hopper.InsertAsync(99);
        await hopper.InsertAsync(99, expiresInMinutes: 30);
        await hopper.InsertAsync(50);
        await hopper.WaitForReadyAsync(3);
        Assert.Single(await hopper.PullAsync(1, leaseSeconds: 600));
        return (hopper, await SnapshotAsync(hopper));
    }

    private sealed record Snapshot(string ReadyByPriority, int Ready, int Leased, string NextExpiry, long Rows, string RowStates);

    private static async Task<Snapshot> SnapshotAsync(HopperClient hopper)
    {
        var status = await hopper.StatusAsync();
        var rowStates = string.Join(";", await RowStatesAsync(hopper));
        return new Snapshot(
            status.GetProperty("ready_by_priority").GetRawText(), status.GetProperty("ready").GetInt32(),
            status.GetProperty("leased").GetInt32(), status.GetProperty("next_expiry").GetRawText(),
            await hopper.CountRowsAsync(), rowStates);
    }

    private static async Task<List<string>> RowStatesAsync(HopperClient hopper)
    {
        await using var cmd = hopper.Account.Leadline.Database.DataSource.CreateCommand(
            "SELECT lead_id, priority, state, coalesce(lease_id::text, '') FROM hopper_entries WHERE campaign_id = $1 ORDER BY lead_id");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = hopper.Account.CampaignId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add($"{reader.GetInt64(0)}/{reader.GetInt16(1)}/{reader.GetString(2)}/{reader.GetString(3)}");
        return rows;
    }

    private static async Task AssertUnchangedAsync(HopperClient hopper, Snapshot before) =>
        Assert.Equal(before, await SnapshotAsync(hopper));
}
