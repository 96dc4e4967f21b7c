using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>A successful search answer: data.offset/limit/total and the entries' lead ids in answer order.</summary>
public sealed record SearchPage(int Offset, int Limit, long Total, bool TotalIsEstimate, IReadOnlyList<long> LeadIds, JsonElement Json)
{
    public JsonElement Entries => Json.GetProperty("data").GetProperty("entries");
}

/// <summary>Posts to /v1/leads/search as an account's vendor (auth_token filled in unless given).</summary>
public sealed class SearchClient(TestAccount account)
{
    public Task<ApiAnswer> PostAsync(params (string Name, string Value)[] fields) =>
        account.PostFormAsync("/v1/leads/search", fields);

    /// <summary>Searches and asserts the answer is a success.</summary>
    public async Task<SearchPage> SearchAsync(params (string Name, string Value)[] fields)
    {
        var answer = await PostAsync(fields);
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Success, $"{answer.Status} {answer.Json}");
        var data = answer.Json.GetProperty("data");
        return new SearchPage(
            data.GetProperty("offset").GetInt32(),
            data.GetProperty("limit").GetInt32(),
            data.GetProperty("total").GetInt64(),
            data.TryGetProperty("total_is_estimate", out var estimate) && estimate.GetBoolean(),
            data.GetProperty("entries").EnumerateArray().Select(e => long.Parse(e.GetProperty("lead_id").GetString()!)).ToList(),
            answer.Json);
    }
}
