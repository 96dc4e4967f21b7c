using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

/// <summary>
/// Calls /v1/dnc/* as an account's vendor (auth_token filled in unless given) the ways Convoso clients do —
/// a form body, a query string, a flat JSON body — and reads the dnc table.
/// </summary>
public sealed class DncClient(TestAccount account)
{
    public TestAccount Account => account;

    /// <summary>POST with a form body (convoso-js, go-convoso).</summary>
    public Task<ApiAnswer> PostAsync(string action, params (string Name, string Value)[] fields) =>
        account.PostFormAsync("/v1/dnc/" + action, fields);

    /// <summary>
    /// GET with every parameter in the query string and a blanket <c>Content-Type: application/json</c> header
    /// but no body, as walmat's client sends every call.
    /// </summary>
    public async Task<ApiAnswer> GetQueryAsync(string action, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dnc/" + action + "?" + Query(WithToken(fields)))
        {
            Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        return await SendAsync(request);
    }

    /// <summary>POST with the parameters in the query string and no body, as Convoso's documentation examples show.</summary>
    public async Task<ApiAnswer> PostQueryAsync(string action, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/dnc/" + action + "?" + Query(WithToken(fields)));
        return await SendAsync(request);
    }

    /// <summary>POST with a flat JSON object body (strings, and JSON true/false/numbers as given).</summary>
    public Task<ApiAnswer> PostJsonAsync(string action, params (string Name, object Value)[] members)
    {
        var body = new Dictionary<string, object> { ["auth_token"] = account.Token.Secret };
        foreach (var (name, value) in members)
            body[name] = value;
        return account.PostAsync("/v1/dnc/" + action, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
    }

    /// <summary>Sends a request as it is and reads the JSON answer (whatever the status).</summary>
    public async Task<ApiAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await account.Leadline.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private IEnumerable<(string Name, string Value)> WithToken((string Name, string Value)[] fields) =>
        fields.Any(f => f.Name == "auth_token") ? fields : fields.Prepend(("auth_token", account.Token.Secret));

    public static string Query(IEnumerable<(string Name, string Value)> fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    /// <summary>Adds a DNC entry through the API and returns its id.</summary>
    public async Task<long> InsertAsync(TestPhone phone, long campaignId = 0, string? reason = null)
    {
        var fields = new List<(string, string)> { ("phone_number", phone.Raw), ("campaign_id", campaignId.ToString()) };
        if (reason is not null)
            fields.Add(("reason", reason));
        var answer = await PostAsync("insert", [.. fields]);
        Assert.True(answer.Success, answer.Json.ToString());
        return Id(answer);
    }

    /// <summary>The entry id an insert or update answered: Convoso's top-level integer <c>id</c>.</summary>
    public static long Id(ApiAnswer answer) => answer.Json.GetProperty("id").GetInt64();

    /// <summary>Uploads CSV text as the file part of a multipart form; auth_token as a form field before it.</summary>
    public Task<ApiAnswer> ImportAsync(string csv, string? token = null) =>
        account.PostAsync("/v1/dnc/import", ImportForm(new StringContent(csv, Encoding.UTF8), token ?? account.Token.Secret));

    public static MultipartFormDataContent ImportForm(HttpContent file, string? token, bool tokenAfterFile = false)
    {
        var form = new MultipartFormDataContent();
        if (token is not null && !tokenAfterFile)
            form.Add(new StringContent(token), "auth_token");
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "dnc.csv");
        if (token is not null && tokenAfterFile)
            form.Add(new StringContent(token), "auth_token");
        return form;
    }

    /// <summary>An insert of a lead with check_dnc=1 into the list (default: the account's first list).</summary>
    public Task<ApiAnswer> InsertLeadCheckingDncAsync(TestPhone phone, long? listId = null) =>
        account.InsertAsync(("phone_number", phone.Raw), ("check_dnc", "1"), ("list_id", (listId ?? account.ListId).ToString()));

    public Task<long> CountEntriesAsync() =>
        account.Leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE account_id = $1", account.AccountId);

    public Task<long> CountEntriesAsync(string e164, long campaignId) =>
        account.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM dnc WHERE account_id = $1 AND phone_e164 = $2 AND campaign_id = $3", account.AccountId, e164, campaignId);

    /// <summary>A text column of one dnc row.</summary>
    public async Task<string?> ColumnAsync(long dncId, string column)
    {
        await using var cmd = account.Leadline.Database.DataSource.CreateCommand($"SELECT {column}::text FROM dnc WHERE dnc_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = dncId });
        return await cmd.ExecuteScalarAsync() as string;
    }

    /// <summary>A lead's status column.</summary>
    public async Task<string?> LeadStatusAsync(long leadId)
    {
        await using var cmd = account.Leadline.Database.DataSource.CreateCommand("SELECT status FROM leads WHERE lead_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = leadId });
        return await cmd.ExecuteScalarAsync() as string;
    }

    /// <summary>Every (phone_e164, campaign_id) of the account's DNC entries.</summary>
    public async Task<HashSet<(string, long)>> ScopesAsync()
    {
        await using var cmd = account.Leadline.Database.DataSource.CreateCommand("SELECT phone_e164, campaign_id FROM dnc WHERE account_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = account.AccountId });
        var scopes = new HashSet<(string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            scopes.Add((reader.GetString(0), reader.GetInt64(1)));
        return scopes;
    }

    /// <summary>Inserts a lead with hopper=1 into the list and returns its id.</summary>
    public async Task<long> InsertLeadInHopperAsync(TestPhone phone, long listId)
    {
        var answer = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", listId.ToString()), ("hopper", "1"));
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.LeadId;
    }

    /// <summary>Lead ids a dialer pulls from the campaign's hopper now (leased for a minute).</summary>
    public async Task<HashSet<long>> PullAsync(long campaignId)
    {
        var hopper = new HopperClient(account);
        var answer = await hopper.PostAsync("pull", ("campaign_id", campaignId.ToString()), ("count", "500"));
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.Json.GetProperty("data").GetProperty("entries").EnumerateArray()
            .Select(e => long.Parse(e.GetProperty("lead_id").GetString()!)).ToHashSet();
    }

    /// <summary>Waits until the campaign's hopper has heard of its committed entries (a one-way notice after the insert).</summary>
    public async Task WaitForHopperAsync(long campaignId, int ready)
    {
        var hopper = new HopperClient(account);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var status = await hopper.PostAsync("status", ("campaign_id", campaignId.ToString()));
            if (Data(status).GetProperty("ready").GetInt32() == ready)
                return;
        }
        Assert.Fail($"Campaign {campaignId}'s hopper never showed {ready} ready entries");
    }

    public static JsonElement Data(ApiAnswer answer) => answer.Json.GetProperty("data");
}
