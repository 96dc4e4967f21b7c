using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// Refusals of the dialer API. Unlike insert (HTTP 200 for rule refusals, as Convoso does), a dialer's
/// bad request is a real 4xx (REST dialect): dialers are our own integration, and a loop that pulls must be
/// able to tell "empty hopper" from "you asked wrongly" by status alone. Codes reuse the common meanings
/// (6001 lead, 6005 campaign, 6050 value); 61xx are the hopper's own.
/// </summary>
public static class HopperErrors
{
    public static readonly ConvosoError NoSuchCampaign = ConvosoErrors.NoSuchCampaign;
    public static readonly ConvosoError NoSuchLead = ConvosoErrors.NoSuchLead;
    public static readonly ConvosoError NotInHopper = new(ErrorCodes.NoSuchLead, "No such Lead in this campaign's hopper");

    public static ConvosoError Required(string name) => ConvosoErrors.Required(name);
    public static ConvosoError Invalid(string name, string why) => ConvosoErrors.Invalid(name, why);

    public static readonly ConvosoError NotAllowed = new(ErrorCodes.HopperAddNotAllowed,
        "The lead may not be put in the hopper now: it is deleted, in an archived list, on a Do-Not-Call list, or leased to a dialer");

    /// <summary>Some lease ids were not current leases of this campaign; the others were applied.</summary>
    public static ConvosoError UnknownLeases(string text) => new(ErrorCodes.UnknownLease, text);
}
