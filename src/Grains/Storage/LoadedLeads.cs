using Leadline.Grains.PhoneShards;

namespace Leadline.Grains.Storage;

/// <summary>
/// A shard's leads as its activation reads them, held in chunks until their number is known, so the
/// index is sized once: grown row by row, its arrays of a 100,000-lead shard would be reallocated a dozen
/// times on the large object heap, each time counting towards a full (gen2) collection of the silo.
/// </summary>
internal sealed class LoadedLeads
{
    private struct Row
    {
        public long PhoneKey;
        public long LeadId;
        public long ListId;
        public long CampaignId;
        public long CreatedAtUtcTicks;
    }

    // 2,048 rows of 40 bytes = 80 KB: just under the 85,000-byte large object threshold.
    private const int ChunkRows = 2048;

    private readonly List<Row[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(long phoneKey, long leadId, long listId, long campaignId, DateTimeOffset createdAt)
    {
        var at = Count % ChunkRows;
        if (at == 0)
            _chunks.Add(new Row[ChunkRows]);
        _chunks[^1][at] = new Row
        {
            PhoneKey = phoneKey, LeadId = leadId, ListId = listId, CampaignId = campaignId, CreatedAtUtcTicks = createdAt.UtcTicks,
        };
        Count++;
    }

    /// <summary>Adds every row to <paramref name="index"/> as a committed lead, after sizing it for them.</summary>
    public void CopyTo(PhoneIndex index)
    {
        index.EnsureCapacity(index.LeadCount + Count);
        for (var i = 0; i < Count; i++)
        {
            ref readonly var row = ref _chunks[i / ChunkRows][i % ChunkRows];
            index.AddCommitted(row.PhoneKey, row.LeadId, row.ListId, row.CampaignId, new DateTimeOffset(row.CreatedAtUtcTicks, TimeSpan.Zero));
        }
    }
}
