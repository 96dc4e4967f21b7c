namespace Leadline.Grains.Campaigns;

/// <summary>
/// One campaign's dial settings (key: campaign id), read from its row once and cached; a change is written to
/// the row first, then the campaign's hopper hears of it. Callers check that the campaign belongs to their account.
/// </summary>
[Alias("leadline.campaign")]
public interface ICampaignGrain : IGrainWithIntegerKey
{
    /// <summary>The settings, or null when there is no such campaign.</summary>
    [Alias("dial-settings")]
    Task<CampaignDialSettings?> GetDialSettingsAsync();

    /// <summary>Stores validated settings (Active comes from campaigns.status and is not written here); returns what is stored.</summary>
    [Alias("update-dial-settings")]
    Task<CampaignDialSettings?> UpdateDialSettingsAsync(CampaignDialSettings settings);

    /// <summary>The row changed elsewhere (e.g. campaigns/status): reread it and tell the hopper.</summary>
    [Alias("refresh")]
    Task RefreshAsync();
}
