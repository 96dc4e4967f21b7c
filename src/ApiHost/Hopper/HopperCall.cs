using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Hopper;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// What every /v1/hopper/* request resolves before its own parameters: the flat parameters, a token
/// with the hopper scope, and a campaign of the token's account. The grain trusts its caller to have
/// checked the account (see <see cref="IHopperGrain"/>), so this is the only place that check happens.
/// </summary>
public sealed record HopperCall(IReadOnlyDictionary<string, string> Values, ApiTokenIdentity Token, long CampaignId, IHopperGrain Hopper)
{
    public static async Task<(HopperCall? Call, ConvosoError? Error)> OpenAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, IGrainFactory grains)
    {
        FlatParameters.LimitBody(http);
        var (values, malformed) = await FlatParameters.ReadAsync(http.Request);
        if (malformed is not null)
            return (null, malformed);

        var (token, authError) = await auth.AuthenticateAsync(values!.GetValueOrDefault(HopperParameters.AuthToken), ApiScopes.Hopper);
        if (authError is not null)
            return (null, authError);

        if (!HopperParameters.TryId(values!, HopperParameters.CampaignId, HopperErrors.NoSuchCampaign, out var campaignId, out var idError))
            return (null, idError);
        // Another account's campaign is "no such campaign": its existence is not ours to reveal.
        if (await directory.FindCampaignAsync(token!.AccountId, campaignId) is null)
            return (null, HopperErrors.NoSuchCampaign);

        return (new HopperCall(values!, token, campaignId, grains.GetGrain<IHopperGrain>(campaignId)), null);
    }
}
