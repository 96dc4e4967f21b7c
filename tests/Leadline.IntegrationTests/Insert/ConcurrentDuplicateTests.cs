using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Insert;

/// <summary>
/// The race VICIdial loses: many simultaneous posts of one number. Exactly one may win per dedup scope,
/// every loser gets 6009 with the winner's id, and the database holds exactly the acknowledged leads.
/// </summary>
public sealed class ConcurrentDuplicateTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const int Posts = 200;

    [Fact]
    public async Task Check_dup_2_lets_exactly_one_of_200_concurrent_posts_into_the_list()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();

        var answers = await PostConcurrentlyAsync(account, _ => [("phone_number", phone.Raw), ("check_dup", "2")]);

        await AssertOneWinnerAsync(account, phone, answers);
    }

    [Fact]
    public async Task Check_dup_3_lets_exactly_one_in_across_two_lists_of_a_campaign()
    {
        var account = await leadline.CreateAccountAsync();
        var secondList = await account.AddListAsync(account.CampaignId, "List A2");
        var phone = TestPhones.Next();

        var answers = await PostConcurrentlyAsync(account, i =>
            [("phone_number", phone.Raw), ("check_dup", "3"), ("list_id", (i % 2 == 0 ? account.ListId : secondList).ToString())]);

        await AssertOneWinnerAsync(account, phone, answers);
    }

    [Fact]
    public async Task Check_dup_1_lets_exactly_one_in_across_campaigns()
    {
        var account = await leadline.CreateAccountAsync();
        var otherCampaign = await account.AddCampaignAsync("Campaign B");
        var otherList = await account.AddListAsync(otherCampaign, "List B1");
        var phone = TestPhones.Next();

        var answers = await PostConcurrentlyAsync(account, i =>
            [("phone_number", phone.Raw), ("check_dup", "1"), ("list_id", (i % 2 == 0 ? account.ListId : otherList).ToString())]);

        await AssertOneWinnerAsync(account, phone, answers);
    }

    [Fact]
    public async Task Check_dup_0_lands_all_200_concurrent_posts()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();

        var answers = await PostConcurrentlyAsync(account, _ => [("phone_number", phone.Raw), ("check_dup", "0")]);

        Assert.All(answers, a => Assert.True(a.Success, a.Json.ToString()));
        var acknowledged = answers.Select(a => a.LeadId).ToHashSet();
        Assert.Equal(Posts, acknowledged.Count);
        Assert.Equal(acknowledged.Order(), await StoredLeadIdsAsync(account, phone));
    }

    [Fact]
    public async Task Concurrent_inserts_are_group_committed_in_shared_transactions()
    {
        var account = await leadline.CreateAccountAsync();

        var answers = await PostConcurrentlyAsync(account, _ => [("phone_number", TestPhones.Next().Raw)]);

        Assert.All(answers, a => Assert.True(a.Success, a.Json.ToString()));
        // Rows written by one transaction share its xmin: fewer distinct xmins than leads means batches.
        var transactions = await leadline.Database.ScalarAsync(
            "SELECT count(DISTINCT xmin::text) FROM leads WHERE account_id = $1", account.AccountId);
        Assert.Equal(Posts, await account.CountAllLeadsAsync());
        // Fewer transactions than leads: some leads shared a commit. How many share depends on how
        // closely the posts arrive, which a busy CI machine spreads out, so no tighter bound is asserted.
        Assert.InRange(transactions, 1, Posts - 1);
    }

    private static async Task<ApiAnswer[]> PostConcurrentlyAsync(TestAccount account, Func<int, (string, string)[]> fields)
    {
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, Posts).Select(async i =>
        {
            await start.WaitAsync();
            return await account.InsertAsync(fields(i));
        }).ToArray();
        start.Release(Posts);
        return await Task.WhenAll(posts);
    }

    private async Task AssertOneWinnerAsync(TestAccount account, TestPhone phone, ApiAnswer[] answers)
    {
        var winners = answers.Where(a => a.Success).ToList();
        var winner = Assert.Single(winners);
        var losers = answers.Where(a => !a.Success).ToList();
        Assert.Equal(Posts - 1, losers.Count);
        Assert.All(losers, a =>
        {
            Assert.Equal(6009, a.Code);
            Assert.Equal(winner.LeadId, a.LeadId); // the existing lead's id comes with the refusal
        });
        Assert.Equal([winner.LeadId], await StoredLeadIdsAsync(account, phone));
    }

    private async Task<long[]> StoredLeadIdsAsync(TestAccount account, TestPhone phone)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand(
            "SELECT lead_id FROM leads WHERE account_id = $1 AND phone_e164 = $2 ORDER BY lead_id");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = account.AccountId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = phone.E164 });
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return [.. ids];
    }
}
