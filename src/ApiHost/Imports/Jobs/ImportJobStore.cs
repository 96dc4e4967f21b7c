using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// lead_import_jobs and lead_import_refusals. Everything an operator reaches is read and changed by
/// (account, job): another account's job id is not found, exactly like an id that does not exist. The runner's
/// calls (claim, progress, finish) go by job id alone.
/// </summary>
public sealed class ImportJobStore(NpgsqlDataSource db)
{
    private const string JobColumns =
        """
        j.job_id, j.account_id, j.list_id, l.name, j.user_id, u.display_name, j.file_name, j.file_path, j.file_bytes, j.host,
        j.columns, j.state, j.check_dup, j.check_dup_archive, j.check_dnc, j.hopper, j.hopper_priority, j.mapping::text,
        j.rows_done, j.inserted, j.updated, j.duplicates, j.dnc, j.invalid, j.bytes_read,
        (SELECT count(*) FROM lead_import_refusals r WHERE r.job_id = j.job_id), j.error, j.created_at, j.started_at, j.finished_at
        FROM lead_import_jobs j JOIN lists l ON l.list_id = j.list_id JOIN users u ON u.user_id = j.user_id
        """;

    public async Task<long> CreateAsync(long accountId, long listId, long userId, string fileName, string filePath, long fileBytes,
        string host, IReadOnlyList<string> columns)
    {
        await using var cmd = Command(
            """
            INSERT INTO lead_import_jobs (account_id, list_id, user_id, file_name, file_path, file_bytes, host, columns)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING job_id
            """, accountId, listId, userId, fileName, filePath, fileBytes, host, columns.ToArray());
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<ImportJob?> FindAsync(long accountId, long jobId)
    {
        var jobs = await ListAsync($"SELECT {JobColumns} WHERE j.account_id = $1 AND j.job_id = $2", accountId, jobId);
        return jobs.Count == 1 ? jobs[0] : null;
    }

    public Task<List<ImportJob>> RecentAsync(long accountId, int limit) =>
        ListAsync($"SELECT {JobColumns} WHERE j.account_id = $1 ORDER BY j.job_id DESC LIMIT $2", accountId, limit);

    /// <summary>Keeps the operator's options and mapping, and queues the job when <paramref name="queue"/>; false unless it was still uploaded.</summary>
    public async Task<bool> SaveOptionsAsync(long accountId, long jobId, ImportJobOptions options, bool queue)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs
            SET check_dup = $3, check_dup_archive = $4, check_dnc = $5, hopper = $6, hopper_priority = $7, mapping = $8::jsonb,
                state = CASE WHEN $9 THEN 'queued' ELSE state END, queued_at = CASE WHEN $9 THEN now() END
            WHERE account_id = $1 AND job_id = $2 AND state = 'uploaded'
            """,
            accountId, jobId, (short)options.CheckDup, options.CheckDupArchive, options.CheckDnc, options.Hopper, (short)options.HopperPriority,
            JsonSerializer.Serialize(options.Map), queue);
        return await cmd.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>
    /// Cancels the job: one not running yet is cancelled at once (its file path is returned to delete); a running one
    /// is flagged for its runner. Null when the account has no such job or it had already ended.
    /// </summary>
    public async Task<(string PriorState, string? FilePath)?> CancelAsync(long accountId, long jobId)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs j
            SET state = CASE WHEN old.state = 'running' THEN j.state ELSE 'cancelled' END,
                cancel_requested = true,
                finished_at = CASE WHEN old.state = 'running' THEN j.finished_at ELSE now() END,
                file_path = CASE WHEN old.state = 'running' THEN j.file_path END
            FROM (SELECT job_id, state, file_path FROM lead_import_jobs
                  WHERE account_id = $1 AND job_id = $2 AND state IN ('uploaded', 'queued', 'running') FOR UPDATE) old
            WHERE j.job_id = old.job_id
            RETURNING old.state, old.file_path
            """, accountId, jobId);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <summary>The oldest queued job of this host, now running; null when none waits.</summary>
    public async Task<ImportJob?> ClaimNextAsync(string host)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs SET state = 'running', started_at = now(), progress_at = now()
            WHERE job_id = (SELECT job_id FROM lead_import_jobs WHERE host = $1 AND state = 'queued' ORDER BY job_id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING account_id, job_id
            """, host);
        long accountId, jobId;
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
                return null;
            (accountId, jobId) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return await FindAsync(accountId, jobId);
    }

    /// <summary>
    /// Writes the counts so far; true when the job is to stop: an operator asked (on any API host) to cancel it, or it
    /// is no longer running (the sweep took it for a lost host's).
    /// </summary>
    public async Task<bool> WriteProgressAsync(long jobId, ImportCounts counts)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs
            SET rows_done = $2, inserted = $3, updated = $4, duplicates = $5, dnc = $6, invalid = $7, bytes_read = $8, progress_at = now()
            WHERE job_id = $1 AND state = 'running'
            RETURNING cancel_requested
            """, [jobId, .. CountValues(counts)]);
        return await cmd.ExecuteScalarAsync() is not false;
    }

    /// <summary>The job's end: its state, the final counts and why; the file is no longer referenced.</summary>
    public async Task FinishAsync(long jobId, string state, ImportCounts counts, string? error)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs
            SET state = $9, error = $10, file_path = NULL, finished_at = now(), progress_at = now(),
                rows_done = $2, inserted = $3, updated = $4, duplicates = $5, dnc = $6, invalid = $7, bytes_read = $8
            WHERE job_id = $1 AND state = 'running'
            """, [jobId, .. CountValues(counts), state, error]);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Refused rows in one binary COPY (PostgreSQL text holds no NUL: one is stored as U+FFFD).</summary>
    public async Task AddRefusalsAsync(long jobId, IReadOnlyList<RefusedRow> rows)
    {
        if (rows.Count == 0)
            return;
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY lead_import_refusals (job_id, row_number, code, text, cells) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(jobId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(row.Row, NpgsqlDbType.Bigint);
            await copy.WriteAsync(row.Code, NpgsqlDbType.Integer);
            await copy.WriteAsync(NoNul(row.Text), NpgsqlDbType.Text);
            await copy.WriteAsync(row.Cells.Select(NoNul).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        await copy.CompleteAsync();
    }

    /// <summary>The job's refused rows in file order, one at a time (a file of a million bad rows is never held).</summary>
    public async IAsyncEnumerable<RefusedRow> ReadRefusalsAsync(long accountId, long jobId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = Command(
            """
            SELECT r.row_number, r.code, r.text, r.cells FROM lead_import_refusals r JOIN lead_import_jobs j USING (job_id)
            WHERE j.account_id = $1 AND r.job_id = $2 ORDER BY r.row_number
            """, accountId, jobId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new RefusedRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<string[]>(3));
    }

    /// <summary>At start: this host's jobs left running by its previous process are interrupted (there is no resume).</summary>
    public async Task<int> InterruptLeftRunningAsync(string host)
    {
        await using var cmd = Command(
            """
            UPDATE lead_import_jobs SET state = 'interrupted', file_path = NULL, finished_at = now(),
                error = 'The API host stopped while this import ran; the rows counted were imported. Upload the rest again (Download refused rows lists the refused ones).'
            WHERE host = $1 AND state = 'running'
            """, host);
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Housekeeping on any host: a running job whose runner went silent (its host is gone) is interrupted, and an
    /// upload never started within <see cref="ImportSettings.UnstartedFor"/> is cancelled.
    /// </summary>
    public async Task SweepAsync()
    {
        await using (var silent = Command(
            """
            UPDATE lead_import_jobs SET state = 'interrupted', file_path = NULL, finished_at = now(),
                error = 'The API host running this import stopped answering; the rows counted were imported.'
            WHERE state = 'running' AND progress_at < now() - $1::interval
            """, ImportSettings.SilentFor))
            await silent.ExecuteNonQueryAsync();
        await using var unstarted = Command(
            """
            UPDATE lead_import_jobs SET state = 'cancelled', file_path = NULL, finished_at = now(),
                error = 'Not started within ' || $2 || ' hours of the upload; upload the file again.'
            WHERE state = 'uploaded' AND created_at < now() - $1::interval
            """, ImportSettings.UnstartedFor, ((int)ImportSettings.UnstartedFor.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await unstarted.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The stored files that jobs not ended yet still need, on any host (API hosts may share one folder): any other
    /// file in the folder is a leftover.
    /// </summary>
    public async Task<HashSet<string>> OpenFilesAsync()
    {
        await using var cmd = Command("SELECT file_path FROM lead_import_jobs WHERE state IN ('uploaded', 'queued', 'running') AND file_path IS NOT NULL");
        await using var reader = await cmd.ExecuteReaderAsync();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            paths.Add(reader.GetString(0));
        return paths;
    }

    private static object[] CountValues(ImportCounts c) => [c.Rows, c.Inserted, c.Updated, c.Duplicates, c.Dnc, c.Invalid, c.BytesRead];

    private static string NoNul(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;

    private NpgsqlCommand Command(string sql, params object?[] values)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return cmd;
    }

    private async Task<List<ImportJob>> ListAsync(string sql, params object[] values)
    {
        await using var cmd = Command(sql, values);
        await using var r = await cmd.ExecuteReaderAsync();
        var jobs = new List<ImportJob>();
        while (await r.ReadAsync())
        {
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(17)) ?? [];
            jobs.Add(new ImportJob(
                r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8), r.GetString(9), r.GetFieldValue<string[]>(10), r.GetString(11),
                new ImportJobOptions(r.GetInt16(12), r.GetBoolean(13), r.GetBoolean(14), r.GetBoolean(15), r.GetInt16(16), mapping),
                new ImportCounts(r.GetInt64(18), r.GetInt64(19), r.GetInt64(20), r.GetInt64(21), r.GetInt64(22), r.GetInt64(23), r.GetInt64(24)),
                r.GetInt64(25), r.IsDBNull(26) ? null : r.GetString(26), r.GetFieldValue<DateTimeOffset>(27),
                r.IsDBNull(28) ? null : r.GetFieldValue<DateTimeOffset>(28), r.IsDBNull(29) ? null : r.GetFieldValue<DateTimeOffset>(29)));
        }
        return jobs;
    }
}
