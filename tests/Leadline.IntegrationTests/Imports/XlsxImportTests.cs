using Leadline.UnitTests.Imports;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Leadline.IntegrationTests.Dnc;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Imports;

/// <summary>
/// Excel workbooks and non-comma CSV files through the import endpoints over real HTTP: the file part's name
/// (or the file's first bytes) chooses the reader, and what is stored is exactly the file's rows.
/// </summary>
public sealed class XlsxImportTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task An_xlsx_uploaded_to_leads_import_stores_exactly_its_rows()
    {
        var account = await leadline.CreateAccountAsync();
        var phones = Enumerable.Range(0, 40).Select(_ => TestPhones.Next()).ToList();
        var rows = new List<object?[]?> { new object?[] { "phone_number", "first_name", "postal_code", "date_of_birth" } };
        var expected = new List<string>();
        for (var i = 0; i < phones.Count; i++)
        {
            if (i == 10)
                rows.Add([]); // a blank row: skipped, not counted
            if (i == 20)
                rows.Add(null); // a row missing from the sheet: the same
            var national = double.Parse(phones[i].E164[2..]); // the phone stored as a number, as Excel does with typed digits
            var name = i % 4 == 0 ? $"Lee, \"Ann\" {i}" : $"Ann{i}";
            rows.Add([national, name, new Formatted(2100 + i, "00000"), new DateTime(1980, 1, 1).AddDays(i)]);
            expected.Add($"{phones[i].E164}|{name}|0{2100 + i}|{new DateTime(1980, 1, 1).AddDays(i):yyyy-MM-dd}");
        }
        rows.Add([5551212d, "invalid phone", null, null]);

        var answer = await PostLeadsAsync(account, XlsxBuilder.Build(rows.ToArray()), "leads.xlsx", XlsxType);

        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        Assert.Equal((41, 40, 1), (Int(data, "rows"), Int(data, "inserted"), Int(data, "invalid_count")));
        Assert.Equal(expected.Order(StringComparer.Ordinal), await StoredLeadsAsync(account));
    }

    [Fact]
    public async Task A_csv_with_semicolons_and_a_byte_order_mark_stores_exactly_its_rows()
    {
        var account = await leadline.CreateAccountAsync();
        var phones = Enumerable.Range(0, 3).Select(_ => TestPhones.Next()).ToList();
        var csv = "phone_number;first_name;postal_code;date_of_birth\r\n"
                  + $"{phones[0].Raw};\"Lee; Ann\";02134;1980-01-02\r\n"
                  + $"\"{phones[1].E164}\";\"two\r\nlines \"\"quoted\"\"\";33701;\r\n"
                  + "\r\n"
                  + $"{phones[2].E164};Zoë;;\r\n";
        byte[] file = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)];

        var answer = await PostLeadsAsync(account, file, "vendor.csv", "text/csv");

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal((3, 3), (Int(answer.Json.GetProperty("data"), "rows"), Int(answer.Json.GetProperty("data"), "inserted")));
        Assert.Equal(new[]
        {
            $"{phones[0].E164}|Lee; Ann|02134|1980-01-02",
            $"{phones[1].E164}|two\r\nlines \"quoted\"|33701|",
            $"{phones[2].E164}|Zoë||",
        }.Order(StringComparer.Ordinal), await StoredLeadsAsync(account));
    }

    [Fact]
    public async Task An_xlsx_uploaded_to_dnc_import_adds_its_numbers_and_reports_bad_rows_by_sheet_row()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phones = Enumerable.Range(0, 5).Select(_ => TestPhones.Next()).ToList();
        var file = XlsxBuilder.Build(
            ["phone_number", "phone_code", "campaign_id", "reason"],
            [double.Parse(phones[0].E164[2..]), 1d, null, "asked"],
            [phones[1].Raw, null, account.CampaignId, "vendor list"],
            [],                                              // row 4: blank, skipped
            [5551212d, null, null, null],                    // row 5: not a phone number
            [double.Parse(phones[2].E164[2..]), 1d, 0d, null],
            [phones[3].E164, null, null, null],
            [double.Parse(phones[4].E164[2..]), null, 999999999d, null]); // row 8: another account's or no campaign

        var form = new MultipartFormDataContent { { new StringContent(account.Token.Secret), "auth_token" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(content, "file", "suppression.xlsx");
        var answer = await account.PostAsync("/v1/dnc/import", form);

        Assert.True(answer.Success, answer.Json.ToString());
        var data = DncClient.Data(answer);
        Assert.Equal((6, 4, 2), (Int(data, "rows"), Int(data, "inserted"), Int(data, "invalid_count")));
        Assert.Equal([(5L, 6007), (8L, 6006)], data.GetProperty("invalid").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt64(), e.GetProperty("code").GetInt32())));
        Assert.Equal(4, await dnc.CountEntriesAsync());
        Assert.Equal(1, await dnc.CountEntriesAsync(phones[0].E164, 0));
        Assert.Equal(1, await dnc.CountEntriesAsync(phones[1].E164, account.CampaignId));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM dnc WHERE account_id = $1 AND phone_e164 = $2 AND reason = 'asked'", account.AccountId, phones[0].E164));
    }

    [Fact]
    public async Task A_workbook_sent_as_a_raw_body_is_known_by_its_first_bytes()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var file = XlsxBuilder.Build(["phone_number", "first_name"], [double.Parse(phone.E164[2..]), "Raw"]);

        var answer = await PostLeadsAsync(account, file, fileName: null, "text/csv");

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal([$"{phone.E164}|Raw||"], await StoredLeadsAsync(account));
    }

    [Fact]
    public async Task A_file_named_xlsx_that_is_not_one_is_refused_and_nothing_is_stored()
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await PostLeadsAsync(account, Encoding.UTF8.GetBytes($"phone_number\n{TestPhones.Next().E164}\n"), "leads.xlsx", XlsxType);

        Assert.False(answer.Success);
        Assert.Equal(4000, answer.Code);
        Assert.Contains("not an Excel workbook", answer.Text);
        Assert.Equal(0, await account.CountAllLeadsAsync());
    }

    /// <summary>Multipart with the parameters first and the file part named <paramref name="fileName"/>; a raw body without one.</summary>
    private static async Task<ApiAnswer> PostLeadsAsync(TestAccount account, byte[] file, string? fileName, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is null)
            return await account.PostAsync($"/v1/leads/import?auth_token={Uri.EscapeDataString(account.Token.Secret)}&list_id={account.ListId}", content);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(account.Token.Secret), "auth_token" },
            { new StringContent(account.ListId.ToString()), "list_id" },
            { content, "file", fileName },
        };
        return await account.PostAsync("/v1/leads/import", form);
    }

    /// <summary>phone|first_name|postal_code|date_of_birth of every lead of the account's list, in ordinal order.</summary>
    private async Task<List<string>> StoredLeadsAsync(TestAccount account) => (await leadline.Database.ListAsync<string>(
            "SELECT phone_e164 || '|' || coalesce(first_name, '') || '|' || coalesce(postal_code, '') || '|' || coalesce(date_of_birth::text, '') " +
            "FROM leads WHERE account_id = $1 AND list_id = $2 AND deleted_at IS NULL", account.AccountId, account.ListId))
        .Order(StringComparer.Ordinal).ToList();

    private static int Int(JsonElement data, string name) => data.GetProperty(name).GetInt32();
}
