using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Leadline.BrowserTests.Infrastructure;
using Leadline.IntegrationTests.Infrastructure;
using Leadline.IntegrationTests.LeadChanges;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>
/// Lists → Upload leads as an operator uses it with a vendor's file: upload, map the columns, preview, start, watch
/// the progress, download the refused rows — each step checked against the database.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadUploadTests(DashboardSite site)
{
    private const string Header = "Phone,First Name,Last Name,Zip,Email Address";

    /// <summary>Each column chosen in its select, so the test does not depend on what the page proposes.</summary>
    private static readonly (string Column, string Field)[] Mapping =
        [("Phone", "phone_number"), ("First Name", "first_name"), ("Last Name", "last_name"), ("Zip", "postal_code"), ("Email Address", "email")];

    [Fact]
    public async Task A_vendor_file_uploaded_from_the_Lists_page_is_mapped_previewed_imported_with_progress_and_its_refused_rows_downloaded()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var phones = Enumerable.Range(0, 28).Select(_ => TestPhones.Next()).ToList();
        var dnc = phones[27];
        await new LeadChangesClient(account).AddDncAsync(dnc.E164);

        // 30 rows: row 4 has an invalid phone, row 12 repeats row 3's number (written another way), row 20 is on the DNC list.
        var rows = new List<(int Row, string[] Cells, string? E164)>();
        var next = 0;
        for (var row = 1; row <= 30; row++)
        {
            var (raw, e164) = row switch
            {
                4 => ("555-01", null),
                12 => (rows[2].E164!, rows[2].E164),
                20 => (dnc.Raw, dnc.E164),
                _ => phones[next++] is var p && row % 2 == 0 ? (p.E164[2..], p.E164) : (p.Raw, p.E164),
            };
            rows.Add((row, [raw, $"First{row}", $"Last{row}", $"3370{row % 10}", $"first{row}@example.com"], e164));
        }
        var csv = Header + "\r\n" + string.Concat(rows.Select(r => string.Join(",", r.Cells) + "\r\n"));
        var stored = rows.Where(r => r.Row is not (4 or 12 or 20)).ToList();
        Assert.Equal(27, stored.Count);

        var page = await site.LogInAsync(op);
        await page.GotoAsync("/lists");
        await DashboardSite.ScreenshotAsync(page, "lists-upload-leads");
        await page.Locator($"#lists tr[data-list-id='{account.ListId}'] a.upload-leads").ClickAsync();
        await DashboardSite.ArrivedAtAsync(page, "/imports/upload");
        await Assertions.Expect(page.Locator("#lead-upload select[name=list_id]")).ToHaveValueAsync(account.ListId.ToString());
        await page.SetInputFilesAsync("#lead-upload input[type=file]",
            new FilePayload { Name = "acme-leads.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.Locator("#drop-file")).ToContainTextAsync("acme-leads.csv");
        await DashboardSite.ScreenshotAsync(page, "lead-upload");
        await page.ClickAsync("#lead-upload button[type=submit]");

        // The job's page: the detected columns with a select each, and the first 10 rows.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/imports/\d+$"));
        var jobId = long.Parse(Regex.Match(page.Url, @"/imports/(\d+)$").Groups[1].Value);
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("uploaded");
        await Assertions.Expect(page.Locator("#preview thead th[data-column]")).ToHaveTextAsync(Header.Split(','));
        await Assertions.Expect(page.Locator("#preview tbody tr")).ToHaveCountAsync(10);
        await DashboardSite.ScreenshotAsync(page, "lead-upload-proposal");
        // Without reading any docs: the proposal already maps the vendor's headers (names and synonyms).
        foreach (var (column, field) in Mapping)
            await Assertions.Expect(page.Locator($"#preview select[data-column='{column}']")).ToHaveValueAsync(field);
        foreach (var (column, field) in Mapping)
            await page.SelectOptionAsync($"#preview select[data-column='{column}']", field);
        await page.ClickAsync("#update-preview");

        foreach (var (column, field) in Mapping)
            await Assertions.Expect(page.Locator($"#preview select[data-column='{column}']")).ToHaveValueAsync(field);
        await Assertions.Expect(page.Locator("#mapping-error")).ToHaveCountAsync(0);
        var invalid = page.Locator("#preview tbody tr[data-row='4']");
        await Assertions.Expect(invalid).ToHaveClassAsync("refused");
        await Assertions.Expect(invalid.Locator("td.bad")).ToHaveTextAsync("555-01");
        await Assertions.Expect(invalid.Locator("td.check")).ToHaveTextAsync("6008 The phone number is invalid (phone_number)");
        Assert.Equal(1, await page.Locator("#preview tbody tr.refused").CountAsync());
        // A valid row as it will be stored: the phone normalized, the other cells as they are.
        var first = page.Locator("#preview tbody tr[data-row='1'] td");
        await Assertions.Expect(first).ToHaveTextAsync(["1", "OK", rows[0].E164!, "First1", "Last1", "33701", "first1@example.com"]);
        await DashboardSite.ScreenshotAsync(page, "lead-upload-preview");

        await page.SelectOptionAsync("select[name=check_dup]", "2");
        await page.CheckAsync("input[name=check_dnc]");
        await page.ClickAsync("#start-import");

        // The progress is polled every second; the page shows the result once the job has ended.
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("done", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#import-result")).ToBeVisibleAsync();
        await ExpectCountsAsync(page, rows: 30, inserted: 27, duplicates: 1, dnc: 1, invalid: 1);
        Assert.Equal(await page.GetAttributeAsync("#job-progress", "max"), await page.GetAttributeAsync("#job-progress", "value"));
        await Assertions.Expect(page.Locator("#job-percent")).ToHaveTextAsync("100% of the file read");
        await DashboardSite.ScreenshotAsync(page, "lead-upload-done");

        // The counts are the database's: the list holds each stored row once, as the file had it.
        var db = site.Leadline.Database;
        Assert.Equal(await db.ScalarAsync("SELECT inserted FROM lead_import_jobs WHERE job_id = $1", jobId),
            await db.ScalarAsync("SELECT count(*) FROM leads WHERE list_id = $1", account.ListId));
        Assert.Equal(stored.Select(r => $"{r.E164} {r.Cells[1]} {r.Cells[2]} {r.Cells[3]} {r.Cells[4]}").Order(),
            await db.ListAsync<string>(
                "SELECT concat_ws(' ', phone_e164, first_name, last_name, postal_code, email) FROM leads WHERE list_id = $1 ORDER BY 1", account.ListId));

        // A reload shows the same, from the job row.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("done");
        await ExpectCountsAsync(page, rows: 30, inserted: 27, duplicates: 1, dnc: 1, invalid: 1);

        // The refused rows: each with its reason and the cells of the file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-refused"));
        Assert.Equal($"import-{jobId}-refused-rows.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,reason," + Header, lines[0]);
        var expected = new[]
        {
            (4, "6008 The phone number is invalid (phone_number)"),
            (12, "6009 The phone number already exists"),
            (20, "6010 The phone number is on a Do-Not-Call list"),
        }.Select(r => $"{r.Item1},{r.Item2},{string.Join(",", rows[r.Item1 - 1].Cells)}");
        Assert.Equal(expected, lines[1..]);
        Assert.Equal(lines[1..], await db.ListAsync<string>(
            "SELECT concat_ws(',', row_number, code || ' ' || text, array_to_string(cells, ',')) FROM lead_import_refusals WHERE job_id = $1 ORDER BY row_number",
            jobId));

        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator($"#imports tr[data-job-id='{jobId}']")).ToContainTextAsync("acme-leads.csv");
        await Assertions.Expect(page.Locator($"#imports tr[data-job-id='{jobId}'] .pill")).ToHaveTextAsync("done");
        await DashboardSite.ScreenshotAsync(page, "imports");
    }

    [Fact]
    public async Task A_large_uploads_progress_survives_a_reload_and_Cancel_stops_it_with_the_counts_of_what_was_stored()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        const int total = 400_000;
        var csv = new StringBuilder("phone_number,first_name\r\n");
        for (var i = 0; i < total; i++)
            csv.Append($"727{300 + i / 10_000:D3}{i % 10_000:D4},n{i}\r\n");
        var page = await site.LogInAsync(op);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync($"/imports/upload?listId={account.ListId}");
        await page.SetInputFilesAsync("#lead-upload input[type=file]",
            new FilePayload { Name = "big.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.ClickAsync("#lead-upload button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/imports/\d+$"));
        var jobId = long.Parse(Regex.Match(page.Url, @"/imports/(\d+)$").Groups[1].Value);
        await page.SelectOptionAsync("#preview select[data-column='phone_number']", "phone_number");
        await page.SelectOptionAsync("#preview select[data-column='first_name']", "first_name");
        await page.ClickAsync("#start-import");

        // Running, with rows counted: the page polls them.
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("running", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("b[data-count='rows']")).Not.ToHaveTextAsync("0");
        await DashboardSite.ScreenshotAsync(page, "lead-upload-progress");
        var before = long.Parse(await page.InnerTextAsync("b[data-count='rows']"));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("running");
        Assert.True(long.Parse(await page.InnerTextAsync("b[data-count='rows']")) >= before);

        await page.ClickAsync("#cancel-import");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("cancelled", new() { Timeout = 30_000 });
        var rows = long.Parse(await page.InnerTextAsync("b[data-count='rows']"));
        Assert.InRange(rows, before, total - 1);
        Assert.Equal(rows.ToString(), await page.InnerTextAsync("b[data-count='inserted']"));
        Assert.Equal(rows, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE list_id = $1", account.ListId));
        Assert.Equal(rows, await site.Leadline.Database.ScalarAsync(
            "SELECT rows_done FROM lead_import_jobs WHERE job_id = $1 AND state = 'cancelled'", jobId));
        await DashboardSite.ScreenshotAsync(page, "lead-upload-cancelled");
    }

    [Fact]
    public async Task Another_accounts_import_is_not_found_like_an_unknown_one_and_an_upload_without_the_antiforgery_token_is_refused()
    {
        var owner = await site.CreateOperatorAsync();
        var ownerPage = await site.LogInAsync(owner);
        await ownerPage.GotoAsync($"/imports/upload?listId={owner.Account.ListId}");
        await ownerPage.SetInputFilesAsync("#lead-upload input[type=file]",
            new FilePayload { Name = "mine.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Phone\r\n7275550199\r\n") });
        await ownerPage.ClickAsync("#lead-upload button[type=submit]");
        await Assertions.Expect(ownerPage).ToHaveURLAsync(new Regex(@"/imports/\d+$"));
        var jobId = long.Parse(Regex.Match(ownerPage.Url, @"/imports/(\d+)$").Groups[1].Value);

        var other = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(other);
        foreach (var id in new[] { jobId, 999_999_999 })
        {
            var response = await page.GotoAsync($"/imports/{id}");
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync($"No import {id} in your account.");
            Assert.Equal(404, (await page.Context.APIRequest.GetAsync($"/imports/{id}?handler=Progress")).Status);
            Assert.Equal(404, (await page.Context.APIRequest.GetAsync($"/imports/{id}?handler=Refused")).Status);
        }
        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator($"#imports tr[data-job-id='{jobId}']")).ToHaveCountAsync(0);

        // The owner's own upload form, posted without its token: refused before the file is read, no job made.
        var forged = await ownerPage.Context.APIRequest.PostAsync("/imports/upload", new APIRequestContextOptions
        {
            Multipart = ownerPage.Context.APIRequest.CreateFormData()
                .Append("list_id", owner.Account.ListId.ToString())
                .Append("file", new FilePayload { Name = "forged.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Phone\r\n7275550198\r\n") }),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM lead_import_jobs WHERE account_id = $1", owner.Account.AccountId));

        // The same form as a browser without the script posts it (the token its first field) is taken, and answered
        // with the job's page.
        await ownerPage.GotoAsync("/imports/upload");
        var token = await ownerPage.GetAttributeAsync("#lead-upload input[name=__RequestVerificationToken]", "value");
        var plain = await ownerPage.Context.APIRequest.PostAsync("/imports/upload", new APIRequestContextOptions
        {
            Multipart = ownerPage.Context.APIRequest.CreateFormData()
                .Append("__RequestVerificationToken", token!)
                .Append("list_id", owner.Account.ListId.ToString())
                .Append("file", new FilePayload { Name = "plain.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Phone\r\n7275550197\r\n") }),
            MaxRedirects = 0,
        });
        Assert.Equal(302, plain.Status);
        var plainJob = await site.Leadline.Database.ScalarAsync(
            "SELECT job_id FROM lead_import_jobs WHERE account_id = $1 AND file_name = 'plain.csv' AND state = 'uploaded'", owner.Account.AccountId);
        Assert.Equal($"/imports/{plainJob}", plain.Headers["location"]);
    }

    private static async Task ExpectCountsAsync(IPage page, long rows, long inserted, long duplicates, long dnc, long invalid)
    {
        foreach (var (name, value) in new[] { ("rows", rows), ("inserted", inserted), ("updated", 0L), ("duplicates", duplicates), ("dnc", dnc), ("invalid", invalid) })
            await Assertions.Expect(page.Locator($"#job-counts b[data-count='{name}']")).ToHaveTextAsync(value.ToString());
    }
}
