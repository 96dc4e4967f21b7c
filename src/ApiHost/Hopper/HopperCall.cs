using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Hopper;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// A /v1/hopper/* request: a token with the hopper scope and a campaign of the token's account. The
/// grain trusts its caller to have checked the account (see <see cref="IHopperGrain"/>), so this is the
/// only place that check happens.
/// </summary>
public sealed record HopperCall(IReadOnlyDictionary<string, string> Values, ApiTokenIdentity Token, long CampaignId, IHopperGrain Hopper)
{
    public static async Task<(HopperCall? Call, ConvosoError? Error)> OpenAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Hopper);
        if (error is not null)
            return (null, error);

        if (!HopperParameters.TryId(call!.Values, HopperParameters.CampaignId, HopperErrors.NoSuchCampaign, out var campaignId, out var idError))
            return (null, idError);
        // Another account's campaign is "no such campaign": its existence is not ours to reveal.
        if (await directory.FindCampaignAsync(call.AccountId, campaignId) is null)
            return (null, HopperErrors.NoSuchCampaign);

        return (new HopperCall(call.Values, call.Token, campaignId, grains.GetGrain<IHopperGrain>(campaignId)), null);
    }
}
