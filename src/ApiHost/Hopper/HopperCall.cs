using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.V1;
using Leadline.Grains.Hopper;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// The campaign a /v1/hopper/* request names, resolved within the token's account (the pipeline has
/// authenticated the request with the hopper scope). The grain trusts its caller to have checked the account
/// (see <see cref="IHopperGrain"/>), so this is the only place that check happens.
/// </summary>
public sealed record HopperCall(long CampaignId, IHopperGrain Hopper)
{
    /// <summary>The campaign_id parameter every hopper endpoint takes.</summary>
    public static readonly ApiParameter Campaign = new(HopperParameters.CampaignId, ApiParameterType.Id, "The campaign whose hopper", Required: true);

    /// <summary>The request's campaign, or a refusal: 6050 when campaign_id is missing, 6005 when it is no campaign of the account.</summary>
    public static async Task<HopperCall> ResolveAsync(ApiRequest request, AccountDirectory directory, IGrainFactory grains)
    {
        var campaignId = request.Id(HopperParameters.CampaignId, HopperErrors.NoSuchCampaign);
        // Another account's campaign is "no such campaign": its existence is not ours to reveal.
        if (await directory.FindCampaignAsync(request.AccountId, campaignId) is null)
            throw ApiRequest.Refuse(HopperErrors.NoSuchCampaign);
        return new HopperCall(campaignId, grains.GetGrain<IHopperGrain>(campaignId));
    }
}
