using System.Net;
using System.Text.Json;
using Leadline.ApiHost.Accounts;

namespace Leadline.IntegrationTests.Infrastructure;

public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Json)
{
    public bool Success => Json.GetProperty("success").GetBoolean();
    public int Code => Json.TryGetProperty("code", out var code) ? code.GetInt32() : 0;
    public string Text => Json.TryGetProperty("text", out var text) ? text.GetString()! : "";
    public long LeadId => long.Parse(Json.GetProperty("data").GetProperty("lead_id").GetString()!);
}

/// <summary>An account made for one test, and helpers to post to the API as its vendor.</summary>
public sealed record TestAccount(LeadlineCluster Leadline, long AccountId, long CampaignId, long ListId, CreatedToken Token)
{
    /// <summary>A campaign with hopper level 0 (see LeadlineCluster.UseHopperLevelAsync).</summary>
    public async Task<long> AddCampaignAsync(string name)
    {
        var campaignId = await Leadline.Accounts.CreateCampaignAsync(AccountId, name);
        await Leadline.UseHopperLevelAsync(campaignId, 0);
        return campaignId;
    }

    public Task<long> AddListAsync(long campaignId, string name, bool archived = false) =>
        Leadline.Accounts.CreateListAsync(AccountId, campaignId, name, archived);

    /// <summary>POSTs form fields (auth_token and list_id filled in unless given).</summary>
    public Task<ApiAnswer> InsertAsync(params (string Name, string Value)[] fields) =>
        PostFormAsync("/v1/leads/insert", fields, ("list_id", ListId.ToString()));

    /// <summary>
    /// POSTs form fields as this account's vendor: its auth_token, and each of <paramref name="defaults"/>,
    /// are added unless the fields name them (so a test can send another token, or none at all).
    /// </summary>
    public Task<ApiAnswer> PostFormAsync(string path, IEnumerable<(string Name, string Value)> fields, params (string Name, string Value)[] defaults)
    {
        var given = fields.ToList();
        var all = new[] { ("auth_token", Token.Secret) }.Concat(defaults)
            .Where(d => given.All(f => f.Name != d.Item1))
            .Concat(given)
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        return PostAsync(path, new FormUrlEncodedContent(all));
    }

    public async Task<ApiAnswer> PostAsync(string path, HttpContent content)
    {
        // Large bodies go as curl and PHP send them, with Expect: 100-continue: the server can refuse an
        // oversized body (413) before it is sent, instead of closing a connection the client still writes to.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (content.Headers.ContentLength > 64 * 1024)
            request.Headers.ExpectContinue = true;
        using var response = await Leadline.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public Task<long> CountLeadsAsync(string e164) =>
        Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE account_id = $1 AND phone_e164 = $2", AccountId, e164);

    public Task<long> CountAllLeadsAsync() =>
        Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE account_id = $1", AccountId);
}
