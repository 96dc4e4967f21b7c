using System.Diagnostics;
using System.Net;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>An API host whose searches may run for one second.</summary>
public sealed class OneSecondSearchCluster : LeadlineCluster
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Leadline:Search:TimeoutSeconds"] = "1" };
}

/// <summary>A search past Leadline:Search:TimeoutSeconds is stopped and answered with 6060, and leaves nothing behind.</summary>
public sealed class SearchTimeoutTests(OneSecondSearchCluster leadline) : IClassFixture<OneSecondSearchCluster>
{
    [Fact]
    public async Task A_search_running_past_the_time_limit_is_stopped_with_6060_and_the_next_one_works()
    {
        var account = await leadline.CreateAccountAsync();
        var lead = await account.InsertAsync(("phone_number", "727-555-0180"));
        var client = new SearchClient(account);

        // Another transaction holds the leads table, so the search waits as a slow one would.
        await using (var connection = await leadline.Database.DataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var lockTable = connection.CreateCommand())
            {
                lockTable.CommandText = "LOCK TABLE leads IN ACCESS EXCLUSIVE MODE";
                await lockTable.ExecuteNonQueryAsync();
            }
            var clock = Stopwatch.StartNew();
            var stopped = await client.PostAsync(("city", "Tampa"));
            clock.Stop();

            Assert.Equal(HttpStatusCode.OK, stopped.Status);
            Assert.False(stopped.Success);
            Assert.Equal(6060, stopped.Code);
            Assert.Contains("longer than 1 s", stopped.Json.GetProperty("text").GetString());
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
            // PostgreSQL cancelled it: nothing of the search still waits on the lock.
            Assert.Equal(0, await leadline.Database.ScalarAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%FROM leads WHERE account_id%' AND wait_event_type = 'Lock'"));
            await tx.RollbackAsync();
        }

        var page = await client.SearchAsync(("phone_number", "727-555-0180"));
        Assert.Equal([lead.LeadId], page.LeadIds);
    }
}
