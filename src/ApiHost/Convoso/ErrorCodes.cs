using System.Reflection;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Where a code means what its entry says. Convoso numbers its errors per endpoint family, and reuses a
/// number with another meaning in another family (6008 is "invalid phone" on leads and "already exists" on
/// DNC), so a family's entry may take a number that <see cref="Common"/> uses — but only when it names the
/// Convoso documentation that numbers it so (<see cref="ErrorCode.ConvosoNumbering"/>).
/// </summary>
public enum ErrorScope
{
    /// <summary>Any endpoint: the request itself (auth, format, capacity) and the lead rules.</summary>
    Common,
    Dnc,
    Lists,
    Campaigns,
    CustomFields,
    Tokens,
    Hopper,
    Workflows,
}

/// <summary>
/// One error code: its number, the HTTP status it has on Leadline's REST-style families (hopper,
/// workflows), and what it means. On Convoso-dialect endpoints the status becomes 200 unless it is a
/// transport condition (see <see cref="ApiDialects"/>).
/// </summary>
public sealed record ErrorCode(int Code, int RestStatus, string Meaning, ErrorScope Scope = ErrorScope.Common)
{
    /// <summary>Why a family entry shares its number with another meaning: the Convoso article that numbers it so.</summary>
    public string? ConvosoNumbering { get; init; }
}

/// <summary>
/// The registry: every code any /v1 endpoint answers, in one place. Endpoints build their refusals from
/// these (see <see cref="ConvosoErrors"/> and the families' error classes), docs/api-errors.md is generated
/// from <see cref="All"/>, and a unit test fails when a number gets a second meaning without a reason.
/// </summary>
public static class ErrorCodes
{
    // The request itself.
    public static readonly ErrorCode Malformed = new(4000, 400, "Malformed request: nested/array or repeated parameter, or a body that is not a form or a flat JSON object");
    public static readonly ErrorCode NoSuchEndpoint = new(4004, 404, "No such API endpoint");
    public static readonly ErrorCode MethodNotAllowed = new(4005, 405, "The endpoint does not take this HTTP method (use GET or POST)");
    public static readonly ErrorCode BodyTooLarge = new(4013, 413, "Request body too large");
    public static readonly ErrorCode RateLimited = new(4029, 429, "Too many requests for this auth token");
    public static readonly ErrorCode Internal = new(5000, 500, "Internal error (a defect; logged)");
    public static readonly ErrorCode TokenInvalid = new(5001, 401, "Auth token is invalid (missing, unknown or revoked)");
    public static readonly ErrorCode ScopeMissing = new(5002, 403, "The auth token may not use this API");
    public static readonly ErrorCode Unavailable = new(5030, 503, "Storage or cluster unavailable; retry after Retry-After");

    // Leads (Convoso's Insert/Update/Search Lead numbering).
    public static readonly ErrorCode NoSuchLead = new(6001, 404, "No such Lead");
    public static readonly ErrorCode NoSuchList = new(6002, 404, "No such List");
    public static readonly ErrorCode NoSuchCampaign = new(6005, 404, "No such Campaign");
    public static readonly ErrorCode NoSuchUser = new(6006, 404, "No such User");
    public static readonly ErrorCode PhoneAndListRequired = new(6007, 400, "The Lead requires a phone number and list id");
    public static readonly ErrorCode InvalidPhone = new(6008, 400, "The phone number is invalid");
    public static readonly ErrorCode Duplicate = new(6009, 409, "The phone number already exists");
    public static readonly ErrorCode DoNotCall = new(6010, 409, "The phone number is on a Do-Not-Call list");
    public static readonly ErrorCode InvalidValue = new(6050, 400, "Invalid or missing value (the text names the parameter)");
    public static readonly ErrorCode SearchTooSlow = new(6060, 422, "The search took too long; narrow it with an indexed filter");
    public static readonly ErrorCode InvalidEmail = new(6079, 400, "Invalid Email(s)");
    public static readonly ErrorCode InvalidLimit = new(7230, 400, "Invalid limit value");
    public static readonly ErrorCode InvalidOffset = new(7231, 400, "Invalid offset value");

    // DNC (Convoso's Insert/Search/Update DNC numbering).
    public static readonly ErrorCode DncPhoneNotFound = new(6003, 404, "Phone Number Not Found", ErrorScope.Dnc)
    {
        ConvosoNumbering = "Delete DNC numbers a number without an entry 6003 (6003 is a missing list name on Lists Insert)",
    };
    public static readonly ErrorCode DncUnknownCampaign = new(6004, 404, "Unknown Campaign ID", ErrorScope.Dnc);
    public static readonly ErrorCode DncInvalidCampaign = new(6006, 404, "Invalid Campaign ID", ErrorScope.Dnc)
    {
        ConvosoNumbering = "Insert DNC / Search DNC number an unknown campaign 6006 (6006 is No such User on leads)",
    };
    public static readonly ErrorCode DncInvalidPhone = new(6007, 400, "Invalid Phone Number", ErrorScope.Dnc)
    {
        ConvosoNumbering = "Insert DNC numbers an invalid phone 6007 (6007 is phone/list required on leads)",
    };
    public static readonly ErrorCode DncAlreadyExists = new(6008, 409, "The phone number already exists.", ErrorScope.Dnc)
    {
        ConvosoNumbering = "Insert DNC numbers a repeated entry 6008 (6008 is an invalid phone on leads)",
    };
    public static readonly ErrorCode DncInvalidCountryCode = new(6026, 400, "Missing or invalid Country Code", ErrorScope.Dnc);
    public static readonly ErrorCode DncInvalidId = new(6056, 404, "Missing or invalid value for ID", ErrorScope.Dnc);
    public static readonly ErrorCode DncInvalidPurpose = new(6057, 400, "Invalid Purpose Provided", ErrorScope.Dnc);
    public static readonly ErrorCode DncInvalidReason = new(6058, 400, "Invalid Reason Provided", ErrorScope.Dnc);
    public static readonly ErrorCode DncCombinationExists = new(6059, 409,
        "This combination of Phone number, Campaign ID, and Phone Code already exists.", ErrorScope.Dnc);

    // Lists and campaigns (Convoso's Lists Insert/Update and Campaigns Status numbering).
    public static readonly ErrorCode ListNameRequired = new(6003, 400, "The List requires a name", ErrorScope.Lists);
    public static readonly ErrorCode ListUnknownCampaign = new(6004, 404, "Unknown Campaign ID", ErrorScope.Lists);
    public static readonly ErrorCode CampaignUnknown = new(6004, 404, "Unknown Campaign ID", ErrorScope.Campaigns);
    public static readonly ErrorCode CampaignStatusMissing = new(6010, 400, "Missing status", ErrorScope.Campaigns)
    {
        ConvosoNumbering = "Campaigns Status numbers a missing status 6010 (6010 is a DNC refusal on leads)",
    };

    // Leadline's own families: Convoso has no codes for these.
    public static readonly ErrorCode NoSuchToken = new(6201, 404, "No such Token", ErrorScope.Tokens);
    public static readonly ErrorCode NoSuchCustomField = new(6202, 404, "No such Custom Field", ErrorScope.CustomFields);
    public static readonly ErrorCode CustomFieldExists = new(6203, 409, "The custom field already exists", ErrorScope.CustomFields);
    public static readonly ErrorCode NoSuchImportMapping = new(6204, 404, "No such import mapping"); // /v1/leads/import mapping= and /v1/import-mappings/*
    public static readonly ErrorCode UnknownLease = new(6101, 404, "Some lease ids were not current leases (the others were applied)", ErrorScope.Hopper);
    public static readonly ErrorCode HopperAddNotAllowed = new(6102, 409,
        "The lead may not be put in the hopper now (deleted, archived list, Do-Not-Call, or leased)", ErrorScope.Hopper);
    // Campaign dial settings (/v1/campaigns/dialing/update, issue 13): one code per setting, so a client can tell which.
    public static readonly ErrorCode InvalidHopperLevel = new(6401, 400, "Invalid hopper_level (a whole number from 0 to 100000)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidLeadOrder = new(6402, 400, "Invalid lead_order (oldest, newest or list)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidDialableStatuses = new(6403, 400, "Invalid dialable_statuses (1-50 statuses of 1-30 characters A-Z, 0-9, _)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidCallingWindow = new(6404, 400, "Invalid calling_window (e.g. mon-fri 09:00-20:00; sun closed)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidMaxAttempts = new(6405, 400, "Invalid max_attempts_24h (1-100, or blank/0 for none)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidRecycle = new(6406, 400, "Invalid recycle (STATUS:minutes pairs, minutes 1-525600)", ErrorScope.Campaigns);
    public static readonly ErrorCode InvalidUnknownZone = new(6407, 400, "Invalid unknown_zone_as (an IANA time zone, or blank for none)", ErrorScope.Campaigns);
    public static readonly ErrorCode NoSuchRule = new(6301, 404, "No such workflow rule", ErrorScope.Workflows);
    public static readonly ErrorCode NoSuchDeadDelivery = new(6302, 404, "No such delivery in the dead-letter state", ErrorScope.Workflows);

    /// <summary>Every entry above, in declaration order.</summary>
    public static readonly IReadOnlyList<ErrorCode> All = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)
        .ToList();
}
