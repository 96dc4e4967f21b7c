using System.Net;
using System.Text;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>A successful search answer: data.offset/limit/total (total is a string, as Convoso sends it) and the entries' lead ids in answer order.</summary>
public sealed record SearchPage(int Offset, int Limit, long Total, bool TotalIsEstimate, IReadOnlyList<long> LeadIds, JsonElement Json)
{
    public JsonElement Entries => Json.GetProperty("data").GetProperty("entries");
}

/// <summary>Calls /v1/leads/search as an account's vendor (auth_token filled in unless given), the ways clients send it.</summary>
public sealed class SearchClient(TestAccount account)
{
    public Task<ApiAnswer> PostAsync(params (string Name, string Value)[] fields) =>
        account.PostFormAsync("/v1/leads/search", fields);

    /// <summary>GET with every parameter in the query string (PHP's and walmat's clients).</summary>
    public Task<ApiAnswer> GetAsync(params (string Name, string Value)[] fields) => SendAsync(HttpMethod.Get, Query(fields), null);

    /// <summary>GET with the query string and a blanket <c>Content-Type: application/json</c> but no body (walmat's client).</summary>
    public Task<ApiAnswer> GetWithJsonContentTypeAsync(params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Get, Query(fields), new StringContent("", Encoding.UTF8, "application/json"));

    /// <summary>POST of one flat JSON object (typed clients).</summary>
    public Task<ApiAnswer> PostJsonAsync(params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, "", new StringContent(
            JsonSerializer.Serialize(WithToken(fields).ToDictionary(f => f.Name, f => f.Value)), Encoding.UTF8, "application/json"));

    /// <summary>Searches and asserts the answer is a success.</summary>
    public async Task<SearchPage> SearchAsync(params (string Name, string Value)[] fields) => Page(await PostAsync(fields));

    public static SearchPage Page(ApiAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Success, $"{answer.Status} {answer.Json}");
        var data = answer.Json.GetProperty("data");
        return new SearchPage(
            data.GetProperty("offset").GetInt32(),
            data.GetProperty("limit").GetInt32(),
            long.Parse(data.GetProperty("total").GetString()!),
            data.TryGetProperty("total_is_estimate", out var estimate) && estimate.GetBoolean(),
            data.GetProperty("entries").EnumerateArray().Select(e => long.Parse(e.GetProperty("lead_id").GetString()!)).ToList(),
            answer.Json);
    }

    private IEnumerable<(string Name, string Value)> WithToken((string Name, string Value)[] fields) =>
        fields.Any(f => f.Name == "auth_token") ? fields : fields.Prepend(("auth_token", account.Token.Secret));

    private string Query((string Name, string Value)[] fields) =>
        "?" + string.Join("&", WithToken(fields).Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string query, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, "/v1/leads/search" + query) { Content = content };
        using var response = await account.Leadline.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
