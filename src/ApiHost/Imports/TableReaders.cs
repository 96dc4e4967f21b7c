using System.Text;
using Leadline.ApiHost.Leads.Import;

namespace Leadline.ApiHost.Imports;

/// <summary>Opens an uploaded file of rows (leads or DNC numbers) by its kind.</summary>
public static class TableReaders
{
    public static Task<ITableReader> OpenAsync(Stream file, string? fileName, CancellationToken ct = default) =>
        Task.FromResult<ITableReader>(new CsvTableReader(new CsvRowReader(new StreamReader(file, Encoding.UTF8, true, 64 * 1024))));

    private sealed class CsvTableReader(CsvRowReader csv) : ITableReader
    {
        private long _line;

        public async ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default)
        {
            try
            {
                return await csv.ReadRecordAsync(ct) is { } fields ? new TableRecord(++_line, fields) : null;
            }
            catch (CsvFormatException ex)
            {
                throw new TableFormatException(ex.Message);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
