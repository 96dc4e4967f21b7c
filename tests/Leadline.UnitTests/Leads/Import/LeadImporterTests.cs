using Leadline.ApiHost.Imports;
using System.Collections.Concurrent;
using Leadline.ApiHost.Leads.Import;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.Leads.Import;

public sealed class LeadImporterTests
{
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal) { ["list_id"] = "10", ["check_dup"] = "1" };

    /// <summary>A fake shard set: first come wins per phone, answers after a random short delay (out of order).</summary>
    private sealed class FakeShards
    {
        public ConcurrentDictionary<string, string> Winners { get; } = new();

        public async Task<InsertOutcome> InsertAsync(InsertLeadRequest request)
        {
            await Task.Delay(Random.Shared.Next(0, 3));
            var name = request.Fields.Standard.GetValueOrDefault("first_name") ?? "";
            if (request.Fields.Standard.GetValueOrDefault("last_name") == "dnc")
                return InsertOutcome.Dnc;
            return Winners.TryAdd(request.Phone.E164, name)
                ? new InsertOutcome(InsertResult.Inserted, 1)
                : new InsertOutcome(InsertResult.Duplicate, 1);
        }
    }

    private static async Task<ImportResult> ImportAsync(string csv, Func<InsertLeadRequest, Task<InsertOutcome>> insert, int window = 8)
    {
        await using var reader = await TableReaders.OpenAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "leads.csv");
        var (mapper, error) = ImportRowMapper.Create((await reader.ReadAsync())!.Fields, Options, new Dictionary<string, int>());
        Assert.Null(error);
        return await new LeadImporter(insert, window).RunAsync(reader, mapper!);
    }

    [Fact]
    public async Task Counts_every_outcome_and_lists_invalid_rows_in_file_order()
    {
        var shards = new FakeShards();
        var csv = "phone_number,first_name,last_name\n" +
                  "7275550001,a,\n" +
                  "bad,b,\n" +
                  "\n" +                      // blank: not a row
                  "7275550002,c,dnc\n" +
                  "7275550001,d,\n" +         // duplicate of row 1
                  "7275550003,e,\n" +
                  "7275550004,f,x,extra\n";   // too many fields

        var result = await ImportAsync(csv, shards.InsertAsync);

        Assert.Null(result.Stop);
        var summary = result.Summary;
        Assert.Equal((6L, 2L, 0L, 1L, 1L, 2L), (summary.Rows, summary.Inserted, summary.Updated, summary.Duplicates, summary.Dnc, summary.InvalidCount));
        Assert.Equal([(2L, 6008), (6L, 6050)], summary.Invalid.Select(r => (r.Row, r.Code)));
    }

    [Fact]
    public async Task Within_a_file_the_earlier_row_of_a_phone_wins_even_with_many_rows_in_flight()
    {
        var shards = new FakeShards();
        var rows = Enumerable.Range(0, 2000).Select(i => $"72755{i % 50:D5},row{i}");

        var result = await ImportAsync("phone_number,first_name\n" + string.Join("\n", rows), shards.InsertAsync, window: 64);

        Assert.Equal(50, result.Summary.Inserted);
        Assert.Equal(1950, result.Summary.Duplicates);
        for (var p = 0; p < 50; p++)
            Assert.Equal($"row{p}", shards.Winners[$"+172755{p:D5}"]);
    }

    [Fact]
    public async Task Stops_reading_at_the_first_row_the_database_could_not_take()
    {
        var sent = 0;
        Task<InsertOutcome> Insert(InsertLeadRequest request) =>
            Task.FromResult(Interlocked.Increment(ref sent) == 3 ? InsertOutcome.Unavailable : new InsertOutcome(InsertResult.Inserted, 1));
        var rows = Enumerable.Range(0, 1000).Select(i => $"72755{i:D5}");

        var result = await ImportAsync("phone_number\n" + string.Join("\n", rows), Insert, window: 4);

        Assert.NotNull(result.Stop);
        Assert.True(sent < 20, $"{sent} rows were sent after the database failed");
        Assert.Equal(5030, Assert.Single(result.Summary.Invalid).Code);
        Assert.Equal(result.Summary.Rows, result.Summary.Inserted + 1);
    }

    [Fact]
    public async Task Lists_at_most_a_thousand_invalid_rows_but_counts_them_all()
    {
        var result = await ImportAsync("phone_number\n" + string.Join("\n", Enumerable.Repeat("bad", 1500)),
            _ => throw new InvalidOperationException("no valid row"));

        Assert.Equal(1500, result.Summary.InvalidCount);
        Assert.Equal(ImportSummary.MaxListedInvalid, result.Summary.Invalid.Count);
        Assert.Equal(1000, result.Summary.Invalid[^1].Row);
    }
}
