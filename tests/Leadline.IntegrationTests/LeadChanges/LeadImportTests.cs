using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.LeadChanges;

public sealed class LeadImportTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const string Header = "phone_number,first_name,email,source";

    [Fact]
    public async Task Import_of_100000_rows_gives_the_exact_summary_and_exactly_the_right_rows()
    {
        const int rows = 100_000;
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "source", 20);
        var existing = Enumerable.Range(0, 100).Select(k => $"727300{k:D4}").ToArray();
        var dnc = Enumerable.Range(0, 50).Select(k => $"727301{k:D4}").ToArray();
        await Task.WhenAll(existing.Select(phone => account.InsertAsync(("phone_number", phone), ("first_name", "pre"))));
        await Task.WhenAll(dnc.Select(phone => api.AddDncAsync("+1" + phone)));

        static string Unique(int i) => $"727{200 + i / 10_000:D3}{i % 10_000:D4}";
        string Row(int i) => (i % 1000, i % 2000, i % 5000) switch
        {
            (7, _, _) => $"555-01,r{i},,s",
            (13, _, _) => $"{Unique(i)},r{i},bad@,s",
            (57, _, _) => $",r{i},,s",
            (_, _, 99) => $"{Unique(i)},r{i},,s,extra",
            (21, _, _) => $"{Unique(i - 10)},r{i},,s",
            (33, _, _) => $"{existing[i / 1000]},r{i},,s",
            (_, 45, _) => $"{dnc[i / 2000]},r{i},,s",
            _ when i % 3 == 0 => $"\"({Unique(i)[..3]}) {Unique(i)[3..6]}-{Unique(i)[6..]}\",\"r{i}\",r{i}@example.com,s{i % 7}",
            _ => $"{Unique(i)},r{i},,s{i % 7}",
        };
        var expectedInvalid = Enumerable.Range(0, rows)
            .Select(i => (Row: i + 1L, Code: (i % 1000, i % 5000) switch { (7, _) => 6008, (13, _) => 6079, (57, _) => 6007, (_, 99) => 6050, _ => 0 }))
            .Where(r => r.Code != 0).ToList();
        var expectedLeads = Enumerable.Range(0, rows)
            .Where(i => i % 1000 is not (7 or 13 or 57 or 21 or 33) && i % 5000 != 99 && i % 2000 != 45)
            .ToDictionary(i => "+1" + Unique(i), i => $"r{i}");
        foreach (var phone in existing)
            expectedLeads["+1" + phone] = "pre";

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(account.Token.Secret), "auth_token" },
            { new StringContent(account.ListId.ToString()), "list_id" },
            { new StringContent("2"), "check_dup" },
            { new StringContent("1"), "check_dnc" },
            { new StringContent("1"), "hopper" },
            { new StringContent("10"), "hopper_priority" },
            { new GeneratedCsvContent(Header, rows, Row), "file", "leads.csv" },
        };
        var answer = await PostAsync(upload);

        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        Assert.Equal((rows, 99_430, 0, 200, 50, 320),
            (Int(data, "rows"), Int(data, "inserted"), Int(data, "updated"), Int(data, "duplicates"), Int(data, "dnc"), Int(data, "invalid_count")));
        Assert.Equal(expectedInvalid, data.GetProperty("invalid").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt64(), e.GetProperty("code").GetInt32())));

        var stored = new Dictionary<string, string>();
        await using (var cmd = leadline.Database.DataSource.CreateCommand(
            "SELECT phone_e164, first_name FROM leads WHERE account_id = $1 AND list_id = $2 AND deleted_at IS NULL"))
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = account.AccountId });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = account.ListId });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Assert.True(stored.TryAdd(reader.GetString(0), reader.GetString(1)), $"{reader.GetString(0)} is stored twice");
        }
        Assert.Equal(expectedLeads.Count, stored.Count);
        Assert.Equal(expectedLeads.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
        Assert.Equal(99_430, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries WHERE campaign_id = $1 AND priority = 10", account.CampaignId));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE account_id = $1 AND first_name = 'r3' AND email = 'r3@example.com' AND custom_fields->>'source' = 's3'",
            account.AccountId));
    }

    [Fact]
    public async Task A_text_csv_body_with_query_parameters_is_imported_and_update_if_found_counts_updates()
    {
        var account = await leadline.CreateAccountAsync();
        var known = TestPhones.Next();
        var original = await account.InsertAsync(("phone_number", known.Raw), ("first_name", "Old"));
        var fresh = TestPhones.Next();
        var csv = $"phone_number,first_name,shoe_size\n{known.E164},New,9\n\n{fresh.E164},Fresh,10\n";

        var answer = await PostAsync(new StringContent(csv, Encoding.UTF8, "text/csv"),
            $"auth_token={account.Token.Secret}&list_id={account.ListId}&update_if_found=1");

        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        Assert.Equal((2, 1, 1), (Int(data, "rows"), Int(data, "inserted"), Int(data, "updated")));
        Assert.Equal(["shoe_size"], data.GetProperty("ignored_columns").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND first_name = 'New'", original.LeadId));
        Assert.Equal(1, await account.CountLeadsAsync(fresh.E164));
    }

    [Fact]
    public async Task Options_as_words_apply_to_every_row_and_unknown_parameters_are_listed_as_ignored()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var known = TestPhones.Next();
        var dnc = TestPhones.Next();
        var fresh = TestPhones.Next();
        await api.InsertAsync(known);
        await api.AddDncAsync(dnc.E164);
        var csv = $"phone_number,first_name\n{known.E164},Again\n{dnc.E164},Dnc\n{fresh.E164},Fresh\n";

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(account.Token.Secret), "auth_token" },
            { new StringContent(account.ListId.ToString()), "list_id" },
            { new StringContent("true"), "check_dup" },
            { new StringContent("yes"), "check_dnc" },
            { new StringContent("on"), "hopper" },
            { new StringContent("blue"), "favourite_colour" },
            { new StringContent(csv), "file", "leads.csv" },
        };
        var answer = await PostAsync(upload);

        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        Assert.Equal((3, 1, 1, 1), (Int(data, "rows"), Int(data, "inserted"), Int(data, "duplicates"), Int(data, "dnc")));
        Assert.Equal(["favourite_colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, await account.CountLeadsAsync(fresh.E164));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries h JOIN leads l USING (lead_id) WHERE l.account_id = $1", account.AccountId));
    }

    [Fact]
    public async Task Bad_imports_are_refused_before_any_row_is_written()
    {
        var mine = await leadline.CreateAccountAsync();
        var theirs = await leadline.CreateAccountAsync();
        var hopperOnly = await leadline.Accounts.CreateTokenAsync(mine.AccountId, "dialer", [ApiScopes.Hopper]);
        var goodCsv = $"{Header}\n{TestPhones.Next().E164},a,,s\n";
        var token = mine.Token.Secret;

        var cases = new (int Status, int Code, string Query, string Csv, string ContentType)[]
        {
            (200, 6002, $"auth_token={token}&list_id={theirs.ListId}", goodCsv, "text/csv"),
            (200, 6002, $"auth_token={token}&list_id=abc", goodCsv, "text/csv"),
            (200, 6050, $"auth_token={token}", goodCsv, "text/csv"),
            (200, 6050, $"auth_token={token}&list_id={mine.ListId}&check_dup=9", goodCsv, "text/csv"),
            (200, 6050, $"auth_token={token}&list_id={mine.ListId}&hopper_priority=100", goodCsv, "text/csv"),
            (200, 6050, $"auth_token={token}&list_id={mine.ListId}&hopper=maybe", goodCsv, "text/csv"),
            (200, 4000, $"auth_token={token}&list_id={mine.ListId}", "first_name,email\nAnn,a@b.com\n", "text/csv"),
            (200, 6204, $"auth_token={token}&list_id={mine.ListId}&mapping=nope", goodCsv, "text/csv"),
            (200, 6050, $"auth_token={token}&list_id={mine.ListId}&map_source=list_id", goodCsv, "text/csv"),
            (200, 4000, $"auth_token={token}&list_id={mine.ListId}", "", "text/csv"),
            (200, 4000, $"auth_token={token}&list_id={mine.ListId}", "{\"phone_number\":\"1\"}", "application/json"),
            (200, 4000, $"auth_token={token}&list_id[x]={mine.ListId}", goodCsv, "text/csv"),
            (200, 5001, $"list_id={mine.ListId}", goodCsv, "text/csv"),
            (200, 5001, $"auth_token=wrong&list_id={mine.ListId}", goodCsv, "text/csv"),
            (200, 5002, $"auth_token={hopperOnly.Secret}&list_id={mine.ListId}", goodCsv, "text/csv"),
        };
        foreach (var (status, code, query, csv, contentType) in cases)
        {
            var answer = await PostAsync(new StringContent(csv, Encoding.UTF8, contentType), query);
            Assert.False(answer.Success, $"{query}: {answer.Json}");
            Assert.Equal((status, code), ((int)answer.Status, answer.Code));
        }
        Assert.Equal(0, await mine.CountAllLeadsAsync());
        Assert.Equal(0, await theirs.CountAllLeadsAsync());
    }

    [Fact]
    public async Task A_file_that_breaks_part_way_stops_there_and_reports_the_rows_before_it()
    {
        var account = await leadline.CreateAccountAsync();
        var (first, second) = (TestPhones.Next(), TestPhones.Next());
        var csv = $"{Header}\n{first.E164},a,,s\n{second.E164},b,,s\n\"{TestPhones.Next().E164},never closed,,s\n";

        var answer = await PostAsync(new StringContent(csv, Encoding.UTF8, "text/csv"), $"auth_token={account.Token.Secret}&list_id={account.ListId}");

        Assert.Equal((HttpStatusCode.OK, false, 4000), (answer.Status, answer.Success, answer.Code));
        Assert.Equal((2, 2), (Int(answer.Json.GetProperty("data"), "rows"), Int(answer.Json.GetProperty("data"), "inserted")));
        Assert.Equal(2, await account.CountAllLeadsAsync());
    }

    [Fact]
    public async Task A_body_over_500_MB_is_413_before_it_is_read()
    {
        var account = await leadline.CreateAccountAsync();
        var address = leadline.Http.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await using var stream = client.GetStream();
        var head = $"POST /v1/leads/import?auth_token={account.Token.Secret}&list_id={account.ListId} HTTP/1.1\r\n" +
                   $"Host: {address.Authority}\r\nContent-Type: text/csv\r\nContent-Length: {600L * 1024 * 1024}\r\n\r\n{Header}\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", statusLine);
        Assert.Equal(0, await account.CountAllLeadsAsync());
    }

    private static int Int(JsonElement data, string name) => data.GetProperty(name).GetInt32();

    private async Task<ApiAnswer> PostAsync(HttpContent content, string? query = null)
    {
        // An import answers once the whole file is in: longer than the fixture client's timeout allows.
        using var http = new HttpClient { BaseAddress = leadline.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        using var response = await http.PostAsync("/v1/leads/import" + (query is null ? "" : "?" + query), content);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
