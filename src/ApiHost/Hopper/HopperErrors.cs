using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// Refusals of the dialer API. Unlike insert (HTTP 200 for rule refusals, as Convoso does), a dialer's
/// bad request is a real 4xx: dialers are our own integration, and a loop that pulls must be able to
/// tell "empty hopper" from "you asked wrongly" by status alone. Codes reuse Convoso's meanings where
/// Convoso has one (6001 lead, 6005 campaign, 6050 value); 61xx are the hopper's own.
/// </summary>
public static class HopperErrors
{
    public static readonly ConvosoError NoSuchCampaign = new(404, 6005, "No such Campaign");
    public static readonly ConvosoError NoSuchLead = new(404, 6001, "No such Lead");
    public static readonly ConvosoError NotInHopper = new(404, 6001, "No such Lead in this campaign's hopper");

    public static ConvosoError Required(string name) => ParameterErrors.BadRequest.Required(name);
    public static ConvosoError Invalid(string name, string why) => ParameterErrors.BadRequest.Invalid(name, why);

    public static readonly ConvosoError NotAllowed = new(409, 6102,
        "The lead may not be put in the hopper now: it is deleted, in an archived list, on a Do-Not-Call list, or leased to a dialer");

    /// <summary>Some lease ids were not current leases of this campaign; the others were applied.</summary>
    public const int UnknownLeaseCode = 6101;
}
