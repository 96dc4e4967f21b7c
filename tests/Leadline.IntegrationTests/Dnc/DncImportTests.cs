using System.Net;
using System.Text;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

public class DncImportTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const string Header = "phone_number,phone_code,campaign_id,reason";
    private const string Reason = "imported from the vendor's suppression file";

    [Fact]
    public async Task An_import_of_20000_rows_gives_the_exact_summary_and_table()
    {
        var account = await leadline.CreateAccountAsync();
        var stranger = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var campaignB = await account.AddCampaignAsync("Campaign B");
        var listB = await account.AddListAsync(campaignB, "List B1");
        long[] scopes = [0, account.CampaignId, campaignB];

        // Already on the lists before the file: 500 entries, from a first, small import.
        var existing = Enumerable.Range(0, 500).Select(i => (Phone: TestPhones.Next(), Campaign: scopes[i % 3])).ToList();
        var first = await dnc.ImportAsync(Csv(existing.Select(e => $"{e.Phone.Raw},,{e.Campaign},")));
        Assert.Equal(500, DncClient.Data(first).GetProperty("inserted").GetInt32());

        var fresh = Enumerable.Range(0, 17_000).Select(i => (Phone: TestPhones.Next(), Campaign: scopes[i % 3])).ToList();
        var rows = new List<(string Line, int? Code)>();
        rows.AddRange(fresh.Select(f => ($"\"{f.Phone.Raw}\",1,{f.Campaign},{Reason}", (int?)null)));
        rows.AddRange(Enumerable.Range(0, 1000).Select(i => ($"020 7946 {i:D4},44,,{Reason}", (int?)null)));
        rows.AddRange(existing.Select(e => ($"{e.Phone.E164},,{e.Campaign},again", (int?)null)));                   // already_exists
        rows.AddRange(fresh.Take(1000).Select(f => ($"{f.Phone.E164[2..]},1,{f.Campaign},repeat", (int?)null)));    // already_exists
        rows.AddRange(Enumerable.Range(0, 300).Select(i => ($"555-{i:D4},,,", (int?)6007)));
        rows.AddRange(Enumerable.Range(0, 100).Select(_ => ($"{TestPhones.Next().Raw},,999999999,", (int?)6006)));
        rows.AddRange(Enumerable.Range(0, 50).Select(_ => ($"{TestPhones.Next().Raw},,{stranger.CampaignId},", (int?)6006)));
        // A stray quote inside an unquoted field is kept as text (RFC 4180 readers and spreadsheets do): no phone number.
        rows.AddRange(Enumerable.Range(0, 50).Select(_ => ($"72\"7{TestPhones.Next().E164[3..]},,,", (int?)6007)));
        var shuffled = rows.OrderBy(_ => Random.Shared.Next()).ToList();
        // Repeats must follow their first row for "already exists" to be the later one; counts do not depend on it.
        var csv = Csv(shuffled.Select(r => r.Line));
        Assert.True(Encoding.UTF8.GetByteCount(csv) > 1024 * 1024, "the file must be larger than the form endpoints' 1 MB limit");

        // A lead of one of the numbers waits in campaign B's hopper; its global entry takes it out.
        var inHopper = fresh.First(f => f.Campaign == 0).Phone;
        await dnc.InsertLeadInHopperAsync(inHopper, listB);
        await dnc.WaitForHopperAsync(campaignB, ready: 1);

        var answer = await dnc.ImportAsync(csv);

        Assert.True(answer.Success, answer.Json.ToString()[..Math.Min(2000, answer.Json.ToString().Length)]);
        var data = DncClient.Data(answer);
        Assert.Equal(20_000, data.GetProperty("rows").GetInt32());
        Assert.Equal(18_000, data.GetProperty("inserted").GetInt32());
        Assert.Equal(1_500, data.GetProperty("already_exists").GetInt32());
        Assert.Equal(500, data.GetProperty("invalid_count").GetInt32());
        Assert.Equal(1, data.GetProperty("hopper_removed").GetInt32());
        var expectedInvalid = shuffled.Select((r, i) => (Row: i + 2, r.Code)).Where(r => r.Code is not null).Select(r => (r.Row, r.Code!.Value)).ToList();
        var invalid = data.GetProperty("invalid").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("code").GetInt32())).ToList();
        Assert.Equal(expectedInvalid, invalid);

        var expectedScopes = existing.Concat(fresh).Select(e => (e.Phone.E164, e.Campaign))
            .Concat(Enumerable.Range(0, 1000).Select(i => ($"+44207946{i:D4}", 0L))).ToHashSet();
        Assert.Equal(expectedScopes.Count, (int)await dnc.CountEntriesAsync());
        Assert.True(expectedScopes.SetEquals(await dnc.ScopesAsync()));
        Assert.Equal(0, await new DncClient(stranger).CountEntriesAsync());
        Assert.Equal(1000, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM dnc WHERE account_id = $1 AND reason = $2 AND phone_code = 44", account.AccountId, Reason));

        Assert.Empty(await dnc.PullAsync(campaignB));
        var campaignBNumber = fresh.First(f => f.Campaign == campaignB).Phone;
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(campaignBNumber, listB)).Code);
        Assert.True((await dnc.InsertLeadCheckingDncAsync(campaignBNumber)).Success);
    }

    [Fact]
    public async Task The_invalid_list_is_capped_but_every_invalid_row_is_counted()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        var answer = await dnc.ImportAsync(Csv(Enumerable.Range(0, 1500).Select(i => "123")));

        var data = DncClient.Data(answer);
        Assert.Equal((1500, 1000, 0), (data.GetProperty("invalid_count").GetInt32(), data.GetProperty("invalid").GetArrayLength(),
            data.GetProperty("inserted").GetInt32()));
        Assert.Equal(1001, data.GetProperty("invalid").EnumerateArray().Last().GetProperty("row").GetInt32());
    }

    [Fact]
    public async Task The_token_may_come_in_the_query_string_and_unknown_columns_are_reported()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var form = DncClient.ImportForm(new StringContent($"Notes,PHONE_NUMBER\nhello,{phone.Raw}\n"), token: null);

        var answer = await account.PostAsync($"/v1/dnc/import?auth_token={Uri.EscapeDataString(account.Token.Secret)}", form);

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(1, DncClient.Data(answer).GetProperty("inserted").GetInt32());
        Assert.Equal("notes", DncClient.Data(answer).GetProperty("ignored_columns")[0].GetString());
        Assert.Equal(1, await dnc.CountEntriesAsync(phone.E164, 0));
    }

    [Fact]
    public async Task A_text_csv_body_with_the_token_in_the_query_string_is_imported()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phones = new[] { TestPhones.Next(), TestPhones.Next() };
        var csv = $"phone_number,reason\n{phones[0].Raw},asked\n{phones[1].E164},\n";

        var answer = await account.PostAsync($"/v1/dnc/import?auth_token={Uri.EscapeDataString(account.Token.Secret)}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal((2, 2), (DncClient.Data(answer).GetProperty("rows").GetInt32(), DncClient.Data(answer).GetProperty("inserted").GetInt32()));
        Assert.Equal(2, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task Refused_uploads_answer_http_200_with_their_code_and_write_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var leadsOnly = await leadline.Accounts.CreateTokenAsync(account.AccountId, "leads only", [ApiScopes.Leads]);
        var good = Csv([TestPhones.Next().Raw]);

        int[] expected = [5001, 5001, 5002, 4000, 6050, 6050, 4000, 4000, 4000];
        var noFile = new MultipartFormDataContent { { new StringContent(account.Token.Secret), "auth_token" } };
        ApiAnswer[] answers =
        [
            await account.PostAsync("/v1/dnc/import", DncClient.ImportForm(new StringContent(good), token: null)),
            // The file is read as it arrives under a known account: a token after the file is never read.
            await account.PostAsync("/v1/dnc/import", DncClient.ImportForm(new StringContent(good), account.Token.Secret, tokenAfterFile: true)),
            await dnc.ImportAsync(good, leadsOnly.Secret),
            await account.PostAsync("/v1/dnc/import", new FormUrlEncodedContent([new("auth_token", account.Token.Secret)])),
            await dnc.ImportAsync("7275550100\n7275550101\n"),  // no header row
            await dnc.ImportAsync(""),
            await account.PostAsync("/v1/dnc/import", noFile),
            await account.PostAsync("/v1/dnc/import", DncClient.ImportForm(new ByteArrayContent([0x70, 0x68, 0xff, 0xfe, 0x0a]), account.Token.Secret)),
            await dnc.GetQueryAsync("import"),
        ];

        Assert.Equal(expected, answers.Select(a => a.Code));
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, false), (a.Status, a.Success)));
        Assert.Contains("auth_token", answers[1].Text);
        Assert.Equal(0, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_on_stops_with_4000_after_storing_the_rows_before_it()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var before = Enumerable.Range(0, 10_000).Select(_ => TestPhones.Next()).ToList(); // more than a written chunk
        var csv = Csv(before.Select(p => p.E164)) + "\"never closed,,,\n" + TestPhones.Next().E164 + ",,,\n";

        var answer = await dnc.ImportAsync(csv);

        Assert.Equal((false, 4000), (answer.Success, answer.Code));
        Assert.Contains($"Line {before.Count + 2}", answer.Text);
        Assert.Contains("not closed", answer.Text);
        var data = DncClient.Data(answer);
        Assert.Equal((10_000, 10_000), (data.GetProperty("rows").GetInt32(), data.GetProperty("inserted").GetInt32()));
        Assert.Equal(10_000, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task Blank_lines_are_skipped_before_the_header_and_between_rows_and_rows_keep_their_line_numbers()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();

        var answer = await new DncClient(account).ImportAsync($"\n\r\n{Header}\n\n,,,\n555-0100,,,\n{phone.E164},,,\n");

        var data = DncClient.Data(answer);
        Assert.Equal((2, 1), (data.GetProperty("rows").GetInt32(), data.GetProperty("inserted").GetInt32()));
        Assert.Equal(6, data.GetProperty("invalid")[0].GetProperty("row").GetInt32());
    }

    [Fact]
    public async Task A_body_declared_over_200_MB_is_413_before_any_of_it_is_read()
    {
        var account = await leadline.CreateAccountAsync();
        var declared = new StreamContent(new MemoryStream());
        declared.Headers.ContentLength = 201L * 1024 * 1024;
        declared.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data") { Parameters = { new("boundary", "b") } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/dnc/import?auth_token={Uri.EscapeDataString(account.Token.Secret)}")
        {
            Content = declared,
        };
        request.Headers.ExpectContinue = true; // the client sends the body only if the server starts reading it

        using var response = await leadline.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"code\":4013", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await new DncClient(account).CountEntriesAsync());
    }

    private static string Csv(IEnumerable<string> rows) => Header + "\n" + string.Join("\n", rows) + "\n";
}
