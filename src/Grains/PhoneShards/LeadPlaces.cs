namespace Leadline.Grains.PhoneShards;

/// <summary>
/// The (list, campaign) pairs a shard's leads are in, numbered, so a stored lead carries a 4-byte number
/// instead of two 8-byte ids. A pair, not the list alone: a lead keeps the campaign it was written with
/// (an insert may name a list's campaign from a cache that is a few seconds old), and a list move
/// re-points leads to a new pair (<see cref="PhoneIndex.MoveList"/>). Pairs are few and never removed.
/// </summary>
internal sealed class LeadPlaces
{
    private readonly List<(long ListId, long CampaignId)> _pairs = [];
    private readonly Dictionary<(long ListId, long CampaignId), int> _numbers = [];

    public int Count => _pairs.Count;

    public int NumberOf(long listId, long campaignId)
    {
        if (!_numbers.TryGetValue((listId, campaignId), out var number))
        {
            number = _pairs.Count;
            _pairs.Add((listId, campaignId));
            _numbers[(listId, campaignId)] = number;
        }
        return number;
    }

    public (long ListId, long CampaignId) this[int number] => _pairs[number];
}
