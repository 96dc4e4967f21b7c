using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>An API host that allows 5 requests per second per token.</summary>
public sealed class LowRateLimitCluster : LeadlineCluster
{
    public const int PerSecond = 5;

    protected override int RateLimitPerTokenPerSecond => PerSecond;
}

/// <summary>The per-token rate limit: every /v1 endpoint, 429 with Retry-After in Convoso's shape, per token.</summary>
public sealed class RateLimitTests(LowRateLimitCluster leadline) : IClassFixture<LowRateLimitCluster>
{
    [Theory]
    [InlineData("/v1/leads/insert")]
    [InlineData("/v1/hopper/status")]
    [InlineData("/v1/tokens/search")]
    public async Task A_burst_over_the_limit_gets_429_with_Retry_After_and_the_next_second_works_again(string path)
    {
        var account = await leadline.CreateAccountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * LowRateLimitCluster.PerSecond).Select(_ => PostAsync(account, path)));

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(answers.Length - limited.Count, 1, 2 * LowRateLimitCluster.PerSecond); // a bucket of 5, refilled by 5/s
        Assert.NotEmpty(limited);
        foreach (var (_, json, retryAfter) in limited)
        {
            Assert.False(json.GetProperty("success").GetBoolean());
            Assert.Equal(4029, json.GetProperty("code").GetInt32());
            Assert.True(retryAfter is >= 1 and <= 2, $"Retry-After {retryAfter}");
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(account, path)).Status);
    }

    [Fact]
    public async Task One_tokens_burst_does_not_limit_another_token()
    {
        var busy = await leadline.CreateAccountAsync();
        var quiet = await leadline.CreateAccountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * LowRateLimitCluster.PerSecond).Select(_ => PostAsync(busy, "/v1/tokens/search")));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);

        for (var i = 0; i < LowRateLimitCluster.PerSecond - 1; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(quiet, "/v1/tokens/search")).Status);
    }

    [Fact]
    public async Task A_refused_insert_writes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var phones = Enumerable.Range(0, 3 * LowRateLimitCluster.PerSecond).Select(_ => TestPhones.Next()).ToList();

        var answers = await Task.WhenAll(phones.Select(phone => PostAsync(account, "/v1/leads/insert", phone.Raw)));

        var accepted = answers.Count(a => a.Status == HttpStatusCode.OK && a.Json.GetProperty("success").GetBoolean());
        Assert.True(accepted < phones.Count, "no request was limited");
        Assert.Equal(accepted, await account.CountAllLeadsAsync());
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, int? RetryAfter)> PostAsync(TestAccount account, string path, string? phone = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("auth_token", account.Token.Secret), new("campaign_id", account.CampaignId.ToString()) };
        if (path == "/v1/leads/insert")
        {
            fields.Add(new("list_id", account.ListId.ToString()));
            fields.Add(new("phone_number", phone ?? TestPhones.Next().Raw));
        }
        using var response = await leadline.Http.PostAsync(path, new FormUrlEncodedContent(fields));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, json, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }
}
