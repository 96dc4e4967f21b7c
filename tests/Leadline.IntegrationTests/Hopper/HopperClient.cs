using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>One leased entry as a pull answers it.</summary>
public sealed record PulledEntry(long LeadId, Guid LeaseId, int Priority, DateTimeOffset LeaseExpiresAt, JsonElement Json);

/// <summary>
/// Posts to /v1/hopper/* as an account's vendor (auth_token and campaign_id filled in unless given),
/// and puts leads in the hopper the way vendors do: /v1/leads/insert with hopper=1.
/// </summary>
public sealed class HopperClient(TestAccount account)
{
    public TestAccount Account => account;

    public Task<ApiAnswer> PostAsync(string action, params (string Name, string Value)[] fields) =>
        account.PostFormAsync("/v1/hopper/" + action, fields, ("campaign_id", account.CampaignId.ToString()));

    /// <summary>Inserts a lead with hopper=1 and returns its id.</summary>
    public async Task<long> InsertAsync(int priority = 99, int? expiresInMinutes = null, string? firstName = null)
    {
        var fields = new List<(string, string)> { ("phone_number", TestPhones.Next().Raw), ("hopper", "1"), ("hopper_priority", priority.ToString()) };
        if (expiresInMinutes is { } minutes)
            fields.Add(("hopper_expires_in", minutes.ToString()));
        if (firstName is not null)
            fields.Add(("first_name", firstName));
        var answer = await account.InsertAsync([.. fields]);
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.LeadId;
    }

    public async Task<List<PulledEntry>> PullAsync(int count, int? leaseSeconds = null, string? dialer = null)
    {
        var fields = new List<(string, string)> { ("count", count.ToString()) };
        if (leaseSeconds is { } seconds)
            fields.Add(("lease_seconds", seconds.ToString()));
        if (dialer is not null)
            fields.Add(("dialer", dialer));
        var answer = await PostAsync("pull", [.. fields]);
        Assert.True(answer.Success, $"{answer.Status} {answer.Json}");
        var data = answer.Json.GetProperty("data");
        var entries = data.GetProperty("entries").EnumerateArray().Select(e => new PulledEntry(
            long.Parse(e.GetProperty("lead_id").GetString()!),
            Guid.Parse(e.GetProperty("lease_id").GetString()!),
            e.GetProperty("priority").GetInt32(),
            DateTimeOffset.Parse(e.GetProperty("lease_expires_at").GetString()!),
            e.Clone())).ToList();
        Assert.Equal(entries.Count, data.GetProperty("count").GetInt32());
        return entries;
    }

    public Task<ApiAnswer> AckAsync(params Guid[] leaseIds) => PostAsync("ack", ("lease_ids", string.Join(",", leaseIds)));

    public Task<ApiAnswer> ReleaseAsync(params Guid[] leaseIds) => PostAsync("release", ("lease_ids", string.Join(",", leaseIds)));

    /// <summary>The status answer's data object.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var answer = await PostAsync("status");
        Assert.True(answer.Success, $"{answer.Status} {answer.Json}");
        return answer.Json.GetProperty("data");
    }

    /// <summary>
    /// Waits until the hopper serves <paramref name="ready"/> READY entries. An insert tells the hopper
    /// grain of its committed entry by a one-way call, so the grain may hear of it a moment after the
    /// insert answered; this keeps tests from racing that message.
    /// </summary>
    public async Task WaitForReadyAsync(int ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int seen;
        do
        {
            seen = (await StatusAsync()).GetProperty("ready").GetInt32();
            if (seen == ready)
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The hopper shows {seen} ready entries, expected {ready}");
    }

    /// <summary>Rows of this campaign in hopper_entries, optionally for one lead.</summary>
    public Task<long> CountRowsAsync(long? leadId = null) => leadId is { } id
        ? account.Leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE campaign_id = $1 AND lead_id = $2", account.CampaignId, id)
        : account.Leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE campaign_id = $1", account.CampaignId);
}
