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

    /// <summary>Posts and asserts success; returns the answer's data object.</summary>
    public async Task<JsonElement> OkAsync(string path, params (string Name, string Value)[] fields)
    {
        var answer = await PostAsync(path, fields);
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Success, $"{path}: {answer.Status} {answer.Json}");
        return answer.Json.GetProperty("data");
    }

    /// <summary>Posts and asserts an HTTP 200 refusal with <paramref name="code"/>.</summary>
    public async Task<ApiAnswer> RefusedAsync(int code, string path, params (string Name, string Value)[] fields)
    {
        var answer = await PostAsync(path, fields);
        Assert.True(answer.Status == HttpStatusCode.OK && !answer.Success && answer.Code == code,
            $"{path} {string.Join("&", fields.Select(f => f.Name + "=" + f.Value))}: expected {code}, got {answer.Status} {answer.Json}");
        return answer;
    }

    public async Task<long> CreateCampaignAsync(string name = "Campaign")
        => Id(await OkAsync("/v1/campaigns/create", ("name", name)), "campaign_id");

    public async Task<long> CreateListAsync(long campaignId, string name = "List")
        => Id(await OkAsync("/v1/lists/create", ("name", name), ("campaign_id", campaignId.ToString())), "list_id");

    public async Task<List<JsonElement>> SearchAsync(string path, params (string Name, string Value)[] fields)
        => (await OkAsync(path, fields)).GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();

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

    /// <summary>Fields given as name, value, name, value…, with {placeholders} replaced.</summary>
    public static (string, string)[] Pairs(string[] fields, IReadOnlyDictionary<string, long> placeholders) =>
        Enumerable.Range(0, fields.Length / 2).Select(i => (fields[2 * i],
            placeholders.Aggregate(fields[2 * i + 1], (value, p) => value.Replace("{" + p.Key + "}", p.Value.ToString())))).ToArray();

    /// <summary>Rows of a table that belong to this account, to show a refusal wrote nothing.</summary>
    public Task<long> CountAsync(string table) =>
        account.Leadline.Database.ScalarAsync($"SELECT count(*) FROM {table} WHERE account_id = $1", account.AccountId);
}
