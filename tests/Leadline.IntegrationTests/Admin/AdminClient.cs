using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>Posts to the admin API as an account's admin token (auth_token filled in unless given).</summary>
public sealed class AdminClient(TestAccount account)
{
    public TestAccount Account => account;

    public Task<ApiAnswer> PostAsync(string path, params (string Name, string Value)[] fields) =>
        account.PostFormAsync(path, fields);

    /// <summary>A GET with every parameter in the query string (auth_token added unless given), as PHP and walmat clients send.</summary>
    public async Task<ApiAnswer> GetAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await account.Leadline.Http.GetAsync(path + "?" + Query(fields));
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>
    /// A POST with every parameter in the query string and no body, as Convoso's documentation writes its example
    /// requests (<c>POST https://api.convoso.com/v1/lists/insert?auth_token=…&amp;name=…</c>).
    /// </summary>
    public async Task<ApiAnswer> PostQueryAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await account.Leadline.Http.PostAsync(path + "?" + Query(fields), null);
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The fields as a query string, auth_token first unless given.</summary>
    private string Query((string Name, string Value)[] fields)
    {
        var all = fields.Any(f => f.Name == "auth_token") ? fields : [("auth_token", account.Token.Secret), .. fields];
        return string.Join("&", all.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
    }

    /// <summary>The member names of a JSON object, in order.</summary>
    public static string[] Keys(JsonElement json) => json.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>Posts and asserts an HTTP 200 success; returns the whole answer.</summary>
    public async Task<ApiAnswer> SucceedsAsync(string path, params (string Name, string Value)[] fields)
    {
        var answer = await PostAsync(path, fields);
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Success, $"{path}: {answer.Status} {answer.Json}");
        return answer;
    }

    /// <summary>Posts and asserts success; returns the answer's data (an object, or the array of a Convoso search).</summary>
    public async Task<JsonElement> OkAsync(string path, params (string Name, string Value)[] fields) =>
        (await SucceedsAsync(path, fields)).Json.GetProperty("data");

    /// <summary>Posts and asserts an HTTP 200 refusal with <paramref name="code"/>.</summary>
    public async Task<ApiAnswer> RefusedAsync(int code, string path, params (string Name, string Value)[] fields)
    {
        var answer = await PostAsync(path, fields);
        Assert.True(answer.Status == HttpStatusCode.OK && !answer.Success && answer.Code == code,
            $"{path} {string.Join("&", fields.Select(f => f.Name + "=" + f.Value))}: expected {code}, got {answer.Status} {answer.Json}");
        return answer;
    }

    public async Task<long> CreateCampaignAsync(string name = "Campaign")
        => (await OkAsync("/v1/campaigns/create", ("name", name))).GetProperty("campaign_id").GetInt64();

    public async Task<long> CreateListAsync(long campaignId, string name = "List")
        => (await OkAsync("/v1/lists/insert", ("name", name), ("campaign_id", campaignId.ToString()))).GetProperty("list_id").GetInt64();

    /// <summary>The entries of a Convoso-shaped search (lists, campaigns): <c>data</c> is the array.</summary>
    public async Task<List<JsonElement>> EntriesAsync(string path, params (string Name, string Value)[] fields)
    {
        var data = await OkAsync(path, fields);
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        return data.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>The entries of a Leadline page (custom fields, tokens): <c>data.entries</c>.</summary>
    public async Task<List<JsonElement>> SearchAsync(string path, params (string Name, string Value)[] fields)
        => (await OkAsync(path, fields)).GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();

    /// <summary>A Leadline id written as a string (tokens).</summary>
    public static long Id(JsonElement data, string name) => long.Parse(data.GetProperty(name).GetString()!);

    /// <summary>
    /// The text <paramref name="sql"/> (one string_agg over rows of accounts $1 and $2) makes of two accounts'
    /// rows, to show a refusal changed nothing in either.
    /// </summary>
    public static async Task<string> SnapshotAsync(LeadlineCluster leadline, string sql, long accountId, long otherAccountId)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand(sql);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accountId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = otherAccountId });
        return (await cmd.ExecuteScalarAsync()) as string ?? "";
    }

    /// <summary>Every list row of both accounts, to show a refusal changed nothing.</summary>
    public static Task<string> ListsSnapshotAsync(LeadlineCluster leadline, long mine, long theirs) => SnapshotAsync(leadline,
        """
        SELECT string_agg(list_id || ':' || name || ':' || campaign_id || ':' || archived || ':' || active || ':'
                          || coalesce(description, '-') || ':' || modified_at, ',' ORDER BY list_id)
        FROM lists WHERE account_id IN ($1, $2)
        """, mine, theirs);

    /// <summary>Every campaign row of both accounts.</summary>
    public static Task<string> CampaignsSnapshotAsync(LeadlineCluster leadline, long mine, long theirs) => SnapshotAsync(leadline,
        "SELECT string_agg(campaign_id || name || status || modified_at, ',' ORDER BY campaign_id) FROM campaigns WHERE account_id IN ($1, $2)",
        mine, theirs);

    /// <summary>Fields given as name, value, name, value…, with {placeholders} replaced.</summary>
    public static (string, string)[] Pairs(string[] fields, IReadOnlyDictionary<string, long> placeholders) =>
        Enumerable.Range(0, fields.Length / 2).Select(i => (fields[2 * i],
            placeholders.Aggregate(fields[2 * i + 1], (value, p) => value.Replace("{" + p.Key + "}", p.Value.ToString())))).ToArray();

    /// <summary>Rows of a table that belong to this account, to show a refusal wrote nothing.</summary>
    public Task<long> CountAsync(string table) =>
        account.Leadline.Database.ScalarAsync($"SELECT count(*) FROM {table} WHERE account_id = $1", account.AccountId);
}
