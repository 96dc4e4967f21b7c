using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Refusals of /v1/dnc/*. Like Convoso (and /v1/leads/insert) a request that was understood and refused
/// by a rule answers HTTP 200 with success:false; wrong values are 6050, as for every Convoso endpoint.
/// </summary>
public static class DncErrors
{
    /// <summary>Convoso answers a repeated DNC insert with 6008 "already exists".</summary>
    public static readonly ConvosoError AlreadyExists = new(200, 6008, "The phone number already exists in this DNC list");

    /// <summary>
    /// An unknown DNC id (or number and scope), also another account's: Convoso documents no code for it,
    /// so Leadline uses 6031, next to 6001 No such Lead in meaning.
    /// </summary>
    public static readonly ConvosoError NoSuchEntry = new(200, 6031, "No such DNC entry");

    public static readonly ConvosoError NothingToUpdate = ParameterErrors.Convoso.Invalid(
        "id", "nothing to update: give phone_number, phone_code, campaign_id, reason or purpose");
}
