using Leadline.Grains.PhoneShards;
using Leadline.Grains.Storage;

namespace Leadline.UnitTests.PhoneShards;

public class LoadedLeadsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2048)] // exactly one chunk
    [InlineData(2049)] // one row into the second
    [InlineData(10_000)]
    public void Every_row_reaches_the_index_as_a_committed_lead(int rows)
    {
        var loaded = new LoadedLeads();
        for (var i = 0; i < rows; i++)
            loaded.Add(17_270_000_000 + i, i + 1, 10 + i % 2, 100, T0.AddTicks(i * 10));
        var index = new PhoneIndex();
        index.AddLead("+19999999999", new LeadRef(999_999, 10, 100)); // already there: kept

        loaded.CopyTo(index);

        Assert.Equal(rows, loaded.Count);
        Assert.Equal(rows + 1, index.LeadCount);
        for (var i = 0; i < rows; i += Math.Max(1, rows / 50))
        {
            var lead = index.FindLead($"+{17_270_000_000 + i}", i + 1);
            Assert.Equal(new LeadRef(i + 1, 10 + i % 2, 100, createdAt: T0.AddTicks(i * 10)), lead);
            Assert.True(lead!.Value.IsCommitted);
        }
        Assert.NotNull(index.FindLead("+19999999999", 999_999));
    }
}
