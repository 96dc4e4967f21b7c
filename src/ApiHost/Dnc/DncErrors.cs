using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Refusals of /v1/dnc/*, numbered as Convoso's DNC articles number them (Insert, Search, Update DNC), which
/// differ from the lead endpoints' numbers — see <see cref="ErrorCodes"/>. HTTP 200 (Convoso dialect).
/// </summary>
public static class DncErrors
{
    /// <summary>dnc/insert of an entry that exists: Convoso's 6008.</summary>
    public static readonly ConvosoError AlreadyExists = ErrorCodes.DncAlreadyExists;

    /// <summary>dnc/update onto a number and scope another entry has: Convoso's 6059.</summary>
    public static readonly ConvosoError CombinationExists = ErrorCodes.DncCombinationExists;

    /// <summary>An unknown DNC id (also another account's): Convoso's 6056.</summary>
    public static readonly ConvosoError NoSuchEntry = ErrorCodes.DncInvalidId;

    /// <summary>dnc/delete by number and scope that has no entry: 6003 "Phone Number Not Found".</summary>
    public static readonly ConvosoError PhoneNotFound = ErrorCodes.DncPhoneNotFound;

    /// <summary>dnc/insert and dnc/search: an unknown campaign (also another account's) is 6006.</summary>
    public static readonly ConvosoError InvalidCampaign = ErrorCodes.DncInvalidCampaign;

    /// <summary>dnc/update: an unknown campaign is 6004, as Convoso's Update DNC numbers it.</summary>
    public static readonly ConvosoError UnknownCampaign = ErrorCodes.DncUnknownCampaign;

    /// <summary>dnc/insert: 6007 "Invalid Phone Number" (dnc/update uses the lead endpoints' 6008, as Convoso does).</summary>
    public static ConvosoError InvalidPhone(string field) => new(ErrorCodes.DncInvalidPhone, $"Invalid Phone Number ({field})");

    public static readonly ConvosoError InvalidCountryCode = ErrorCodes.DncInvalidCountryCode;

    public static ConvosoError InvalidPurpose(string why) => new(ErrorCodes.DncInvalidPurpose, $"Invalid Purpose Provided: {why}");

    public static ConvosoError InvalidReason(string why) => new(ErrorCodes.DncInvalidReason, $"Invalid Reason Provided: {why}");

    public static readonly ConvosoError NothingToUpdate = ConvosoErrors.Invalid(
        "id", "nothing to update: give phone_number, phone_code, campaign_id, reason or purpose");
}
