namespace Leadline.Grains.PhoneShards;

/// <summary>
/// The duplicate and DNC checks an insert asks for. <see cref="SearchListId"/> and
/// <see cref="SearchCampaignId"/> narrow where <c>update_if_found</c> looks.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.dedup-options")]
public sealed record DedupOptions(
    [property: Id(0)] DupScope CheckDup,
    [property: Id(1)] bool CheckDupArchive,
    [property: Id(2)] bool CheckDnc,
    [property: Id(3)] bool UpdateIfFound,
    [property: Id(4)] long? SearchListId = null,
    [property: Id(5)] long? SearchCampaignId = null);
