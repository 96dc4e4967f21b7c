using System.Text;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Imports.Jobs;
using Leadline.ApiHost.Leads;
using Leadline.IntegrationTests.Infrastructure;
using Leadline.IntegrationTests.LeadChanges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Leadline.IntegrationTests.Imports;

/// <summary>Dashboard import jobs, through the service the Upload leads pages use and the runner in the API host.</summary>
public sealed class ImportJobTests(ImportJobsCluster leadline) : IClassFixture<ImportJobsCluster>
{
    private const string Header = "Phone,First Name,Last Name,Zip,Email Address";

    /// <summary>Every column mapped explicitly, as the page sends it.</summary>
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["map_Phone"] = "phone_number",
        ["map_First Name"] = "first_name",
        ["map_Last Name"] = "last_name",
        ["map_Zip"] = "postal_code",
        ["map_Email Address"] = "email",
    };

    private static ImportJobOptions CheckDup2 => new(CheckDup: 2, Mapping: Mapping);

    /// <summary>
    /// Columns named like the fields, mapped to themselves: the tests about running jobs (not about mapping) hold
    /// with any mapper that takes an explicit map_ for a column it would have found by its name anyway.
    /// </summary>
    private const string FieldHeader = "phone_number,first_name,last_name,postal_code,email";

    private static ImportJobOptions FieldsCheckDup2 =>
        new(CheckDup: 2, Mapping: FieldHeader.Split(',').ToDictionary(f => "map_" + f, f => f));

    /// <summary>A valid NANP number per index (the account is the test's own, so no other test's numbers meet these).</summary>
    private static string Phone(int i) => $"727{200 + i / 10_000:D3}{i % 10_000:D4}";

    private static string Csv(IEnumerable<int> phones, string tag, string header = Header) =>
        header + "\r\n" + string.Concat(phones.Select(i => $"({Phone(i)[..3]}) {Phone(i)[3..6]}-{Phone(i)[6..]},{tag}{i},Smith,33701,{tag}{i}@example.com\r\n"));

    [Fact]
    public async Task Two_jobs_importing_overlapping_files_into_one_list_at_once_with_check_dup_2_store_each_number_once()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        // The shared numbers come first in both files, in the same order: both jobs send them at the same moments.
        var shared = Enumerable.Range(0, 5000).ToList();
        var fileA = Csv([.. shared, .. Enumerable.Range(10_000, 5000)], "a", FieldHeader);
        var fileB = Csv([.. shared, .. Enumerable.Range(20_000, 5000)], "b", FieldHeader);
        var a = await leadline.UploadAsync(account, op, fileA, "vendor-a.csv");
        var b = await leadline.UploadAsync(account, op, fileB, "vendor-b.csv");

        Assert.Null(await leadline.Jobs.StartAsync(account.AccountId, a, FieldsCheckDup2));
        Assert.Null(await leadline.Jobs.StartAsync(account.AccountId, b, FieldsCheckDup2));
        var jobA = await leadline.WaitUntilEndedAsync(account, a);
        var jobB = await leadline.WaitUntilEndedAsync(account, b);

        Assert.Equal((ImportJobStates.Done, ImportJobStates.Done), (jobA.State, jobB.State));
        Assert.True(jobA.StartedAt < jobB.FinishedAt && jobB.StartedAt < jobA.FinishedAt,
            $"the jobs did not run at the same time: A {jobA.StartedAt:O}–{jobA.FinishedAt:O}, B {jobB.StartedAt:O}–{jobB.FinishedAt:O}");
        Assert.Equal((10_000, 10_000), (jobA.Counts.Rows, jobB.Counts.Rows));
        Assert.Equal(15_000, jobA.Counts.Inserted + jobB.Counts.Inserted);
        Assert.Equal(5_000, jobA.Counts.Duplicates + jobB.Counts.Duplicates);
        Assert.Equal((0, 0, 0, 0), (jobA.Counts.Invalid + jobB.Counts.Invalid, jobA.Counts.Dnc + jobB.Counts.Dnc, jobA.Counts.Updated, jobB.Counts.Updated));
        Assert.Equal((jobA.FileBytes, jobB.FileBytes), (jobA.Counts.BytesRead, jobB.Counts.BytesRead));

        var expected = shared.Concat(Enumerable.Range(10_000, 5000)).Concat(Enumerable.Range(20_000, 5000)).Select(i => "+1" + Phone(i)).Order().ToList();
        Assert.Equal(expected, await StoredPhonesAsync(account));
        // The duplicates are refused rows with the insert's code, each a shared number.
        var refusals = (await RefusalsAsync(account, a)).Concat(await RefusalsAsync(account, b)).ToList();
        Assert.Equal(5_000, refusals.Count);
        Assert.All(refusals, r => Assert.Equal((6009, "The phone number already exists"), (r.Code, r.Text)));
        Assert.Equal(shared.Select(i => $"({Phone(i)[..3]}) {Phone(i)[3..6]}-{Phone(i)[6..]}").Order(),
            refusals.Select(r => r.Cells[0]).Order());
    }

    [Fact]
    public async Task Two_concurrent_API_imports_of_overlapping_files_with_check_dup_2_store_each_number_once()
    {
        var account = await leadline.CreateAccountAsync();
        var shared = Enumerable.Range(0, 5000).ToList();
        string ApiCsv(IEnumerable<int> phones) => "phone_number,first_name\r\n" + string.Concat(phones.Select(i => $"{Phone(i)},n{i}\r\n"));
        var files = new[] { ApiCsv([.. shared, .. Enumerable.Range(10_000, 5000)]), ApiCsv([.. shared, .. Enumerable.Range(20_000, 5000)]) };

        var answers = await Task.WhenAll(files.Select(async csv =>
        {
            using var upload = new MultipartFormDataContent
            {
                { new StringContent(account.Token.Secret), "auth_token" },
                { new StringContent(account.ListId.ToString()), "list_id" },
                { new StringContent("2"), "check_dup" },
                { new StringContent(csv), "file", "leads.csv" },
            };
            using var http = new HttpClient { BaseAddress = leadline.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            using var response = await http.PostAsync("/v1/leads/import", upload);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }));

        Assert.All(answers, answer => Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString()));
        long Sum(string name) => answers.Sum(answer => answer.GetProperty("data").GetProperty(name).GetInt64());
        Assert.Equal((20_000, 15_000, 5_000, 0), (Sum("rows"), Sum("inserted"), Sum("duplicates"), Sum("invalid_count")));
        var expected = shared.Concat(Enumerable.Range(10_000, 5000)).Concat(Enumerable.Range(20_000, 5000)).Select(i => "+1" + Phone(i)).Order().ToList();
        Assert.Equal(expected, await StoredPhonesAsync(account));
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_which_ends_cancelled_with_exact_counts_and_its_file_deleted()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        const int rows = 200_000;
        var jobId = await leadline.UploadAsync(account, op, Csv(Enumerable.Range(0, rows), "c", FieldHeader), "big.csv");
        var path = (await leadline.Jobs.FindAsync(account.AccountId, jobId))!.FilePath!;
        Assert.True(File.Exists(path));
        Assert.Null(await leadline.Jobs.StartAsync(account.AccountId, jobId, FieldsCheckDup2));

        for (var deadline = DateTime.UtcNow.AddMinutes(1); ; await Task.Delay(20))
        {
            var job = await leadline.Jobs.FindAsync(account.AccountId, jobId);
            if (job!.State == ImportJobStates.Running && job.Counts.Rows > 0)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"the job did not start: {job.State}");
        }
        var (cancelled, text) = await leadline.Jobs.CancelAsync(account.AccountId, jobId);
        Assert.True(cancelled, text);
        var ended = await leadline.WaitUntilEndedAsync(account, jobId, TimeSpan.FromSeconds(30));

        Assert.Equal(ImportJobStates.Cancelled, ended.State);
        Assert.InRange(ended.Counts.Rows, 1, rows - 1);
        Assert.InRange(ended.Counts.BytesRead, 1, ended.FileBytes - 1);
        // The rows in flight when it stopped were counted too: the counts are what the list holds.
        Assert.Equal(ended.Counts.Rows, ended.Counts.Inserted);
        Assert.Equal(ended.Counts.Inserted, await account.CountAllLeadsAsync());
        Assert.Null(ended.FilePath);
        Assert.False(File.Exists(path));
        Assert.Equal((false, $"Import {jobId} had already ended (cancelled)."), await leadline.Jobs.CancelAsync(account.AccountId, jobId));
    }

    [Fact]
    public async Task A_job_cancelled_before_it_starts_imports_nothing_and_cannot_be_started_afterwards()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        var jobId = await leadline.UploadAsync(account, op, Csv(Enumerable.Range(0, 20), "u"));
        var path = (await leadline.Jobs.FindAsync(account.AccountId, jobId))!.FilePath!;

        Assert.Equal((true, $"Import {jobId} cancelled before it ran: nothing was imported."), await leadline.Jobs.CancelAsync(account.AccountId, jobId));
        Assert.Equal($"Import {jobId} is cancelled: only an uploaded file can be started.", await leadline.Jobs.StartAsync(account.AccountId, jobId, CheckDup2));

        var job = await leadline.Jobs.FindAsync(account.AccountId, jobId);
        Assert.Equal((ImportJobStates.Cancelled, 0L, null), (job!.State, job.Counts.Rows, job.FilePath));
        Assert.False(File.Exists(path));
        Assert.Equal(0, await account.CountAllLeadsAsync());
    }

    [Fact]
    public async Task A_mapping_without_phone_number_is_refused_at_start_and_the_job_waits_with_the_choices_kept()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        var jobId = await leadline.UploadAsync(account, op, Csv(Enumerable.Range(0, 5), "m"));
        var noPhone = new Dictionary<string, string>(Mapping) { ["map_Phone"] = "" };

        var error = await leadline.Jobs.StartAsync(account.AccountId, jobId, new ImportJobOptions(CheckDup: 3, Mapping: noPhone));

        Assert.NotNull(error);
        Assert.Contains("phone_number", error);
        var job = await leadline.Jobs.FindAsync(account.AccountId, jobId);
        Assert.Equal((ImportJobStates.Uploaded, 3, ""), (job!.State, job.Options.CheckDup, job.Options.FieldOf("Phone")));
        Assert.Equal(0, await account.CountAllLeadsAsync());
        Assert.Null(await leadline.Jobs.StartAsync(account.AccountId, jobId, CheckDup2));
        Assert.Equal((ImportJobStates.Done, 5L), ((await leadline.WaitUntilEndedAsync(account, jobId)).State, await account.CountAllLeadsAsync()));
    }

    [Fact]
    public async Task The_preview_shows_the_values_the_import_then_stores_and_marks_the_cell_it_would_refuse()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "vendor_ref", 20);
        var csv = "Phone,Name,Born,Ref,Email\r\n" +
                  "(727) 555-0101,Ann,3/7/1980,R-1,ann@example.com\r\n" +
                  "727.555.0102,Bob,1975-12-31,R-2,\r\n" +
                  "555-01,Cy,,R-3,cy@example.com\r\n" +
                  "+1 727 555 0104,Di,2/30/1990,R-4,\r\n" +
                  "727-555-0105,Ed,,R-5,not-an-email\r\n";
        var jobId = await leadline.UploadAsync(account, op, csv);
        var mapping = new Dictionary<string, string>
        {
            ["map_Phone"] = "phone_number", ["map_Name"] = "first_name", ["map_Born"] = "date_of_birth", ["map_Ref"] = "vendor_ref", ["map_Email"] = "email",
        };
        var options = new ImportJobOptions(Mapping: mapping);
        var job = (await leadline.Jobs.FindAsync(account.AccountId, jobId))!;

        var preview = await leadline.Jobs.PreviewAsync(job, options, await CustomFieldsAsync(account));

        Assert.Null(preview.MappingError);
        Assert.Equal(["Phone", "Name", "Born", "Ref", "Email"], preview.Columns);
        Assert.Equal(["phone_number", "first_name", "date_of_birth", "vendor_ref", "email"], preview.Fields);
        Assert.Equal(5, preview.Rows.Count);
        Assert.Equal(["+17275550101", "Ann", "1980-03-07", "R-1", "ann@example.com"], preview.Rows[0].Cells.Select(c => c.Stored));
        Assert.Equal(["+17275550102", "Bob", "1975-12-31", "R-2", ""], preview.Rows[1].Cells.Select(c => c.Stored));
        Assert.Equal((6008, "The phone number is invalid (phone_number)"), (preview.Rows[2].Code, preview.Rows[2].Error));
        Assert.Equal([true, false, false, false, false], preview.Rows[2].Cells.Select(c => c.Error is not null));
        Assert.Equal("Invalid value for date_of_birth: not a date (use YYYY-MM-DD)", preview.Rows[3].Error);
        Assert.Equal([false, false, true, false, false], preview.Rows[3].Cells.Select(c => c.Error is not null));
        Assert.Equal(6079, preview.Rows[4].Code);
        Assert.Equal([false, false, false, false, true], preview.Rows[4].Cells.Select(c => c.Error is not null));

        Assert.Null(await leadline.Jobs.StartAsync(account.AccountId, jobId, options));
        var ended = await leadline.WaitUntilEndedAsync(account, jobId);
        Assert.Equal((ImportJobStates.Done, 5L, 2L, 3L), (ended.State, ended.Counts.Rows, ended.Counts.Inserted, ended.Counts.Invalid));
        foreach (var row in preview.Rows.Where(r => r.Error is null))
            Assert.Equal(row.Cells.Select(c => c.Stored), await StoredLeadAsync(account, row.Cells[0].Stored!));
        Assert.Equal(preview.Rows.Where(r => r.Error is not null).Select(r => (r.Number, r.Code!.Value, r.Error!)),
            (await RefusalsAsync(account, jobId)).Select(r => (r.Row, r.Code, r.Text)));
    }

    [Fact]
    public async Task Another_accounts_job_answers_like_an_unknown_one()
    {
        var (mine, op) = await leadline.CreateOperatorAccountAsync();
        var (theirs, _) = await leadline.CreateOperatorAccountAsync();
        var jobId = await leadline.UploadAsync(mine, op, Csv(Enumerable.Range(0, 3), "x"));

        Assert.Null(await leadline.Jobs.FindAsync(theirs.AccountId, jobId));
        Assert.Equal(ImportJobs.NoSuchJob(jobId), await leadline.Jobs.StartAsync(theirs.AccountId, jobId, CheckDup2));
        Assert.Equal((false, ImportJobs.NoSuchJob(jobId)), await leadline.Jobs.CancelAsync(theirs.AccountId, jobId));
        Assert.Equal((false, ImportJobs.NoSuchJob(999_999_999)), await leadline.Jobs.CancelAsync(theirs.AccountId, 999_999_999));
        // Nor may a file go into another account's list.
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(Csv([1], "x")));
        Assert.Equal((null, "No such List"), await leadline.Jobs.CreateAsync(theirs.AccountId, mine.ListId, op, "x.csv", file));
        Assert.Equal(ImportJobStates.Uploaded, (await leadline.Jobs.FindAsync(mine.AccountId, jobId))!.State);
    }

    [Fact]
    public async Task An_empty_file_is_refused_at_the_upload_and_leaves_no_job_and_no_file()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        var before = Directory.GetFiles(leadline.Folder).Length;
        using var empty = new MemoryStream();

        var (jobId, error) = await leadline.Jobs.CreateAsync(account.AccountId, account.ListId, op, "empty.csv", empty);

        Assert.Equal((null, "The file is empty: the first row must name the columns."), (jobId, error));
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM lead_import_jobs WHERE account_id = $1", account.AccountId));
        Assert.Equal(before, Directory.GetFiles(leadline.Folder).Length);
    }

    [Fact]
    public async Task At_start_the_runner_marks_this_hosts_jobs_left_running_as_interrupted()
    {
        var (account, op) = await leadline.CreateOperatorAccountAsync();
        var jobId = await leadline.UploadAsync(account, op, Csv(Enumerable.Range(0, 3), "i"));
        // As a host that stopped mid-import leaves it: running, with its file.
        await leadline.Database.ScalarAsync("UPDATE lead_import_jobs SET state = 'running', started_at = now() WHERE job_id = $1", jobId);

        var services = leadline.ApiServices;
        using var restarted = new ImportJobRunner(leadline.Store, services.GetRequiredService<ImportSettings>(),
            services.GetRequiredService<AccountDirectory>(), services.GetRequiredService<PhoneShardRefs>(), NullLogger<ImportJobRunner>.Instance);
        await restarted.StartAsync(CancellationToken.None);
        try
        {
            var job = await leadline.WaitUntilEndedAsync(account, jobId, TimeSpan.FromSeconds(20));
            Assert.Equal(ImportJobStates.Interrupted, job.State);
            Assert.StartsWith("The API host stopped while this import ran", job.Error);
            Assert.Null(job.FilePath);
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }
    }

    private async Task<List<string>> StoredPhonesAsync(TestAccount account) =>
        await leadline.Database.ListAsync<string>(
            "SELECT phone_e164 FROM leads WHERE account_id = $1 AND list_id = $2 AND deleted_at IS NULL ORDER BY phone_e164", account.AccountId, account.ListId);

    private async Task<List<RefusedRow>> RefusalsAsync(TestAccount account, long jobId)
    {
        var rows = new List<RefusedRow>();
        await foreach (var row in leadline.Store.ReadRefusalsAsync(account.AccountId, jobId))
            rows.Add(row);
        return rows;
    }

    private async Task<IReadOnlyDictionary<string, int>> CustomFieldsAsync(TestAccount account) =>
        await leadline.ApiServices.GetRequiredService<AccountDirectory>().GetCustomFieldsAsync(account.AccountId);

    private async Task<string?[]> StoredLeadAsync(TestAccount account, string e164)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand(
            """
            SELECT phone_e164, first_name, to_char(date_of_birth, 'YYYY-MM-DD'), custom_fields->>'vendor_ref', coalesce(email, '')
            FROM leads WHERE account_id = $1 AND phone_e164 = $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = account.AccountId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e164 });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{e164} is not stored");
        return Enumerable.Range(0, 5).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray();
    }
}
