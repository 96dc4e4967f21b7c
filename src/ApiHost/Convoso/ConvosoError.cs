namespace Leadline.ApiHost.Convoso;

/// <summary>
/// A refusal in Convoso's shape. Requests that were understood and refused by a rule answer HTTP 200
/// (as Convoso does, so vendor code keeps working); requests that cannot be processed get a real status.
/// </summary>
public sealed record ConvosoError(int HttpStatus, int Code, string Text)
{
    /// <summary>The existing lead a duplicate refers to.</summary>
    public long? LeadId { get; init; }

    /// <summary>Sent as Retry-After on 429 and 503.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>
/// Every error code Leadline answers. 5xxx are about the request itself (auth, format, capacity),
/// 6xxx are Convoso's lead rules; the numbers Convoso documents keep their meaning.
/// </summary>
public static class ConvosoErrors
{
    public static ConvosoError Malformed(string text) => new(400, 4000, text);
    public static ConvosoError BodyTooLarge(long limitBytes) => new(413, 4013, $"The request body is larger than {limitBytes / 1024 / 1024} MB");
    public static readonly ConvosoError TokenMissing = new(401, 5001, "auth_token is required");
    public static readonly ConvosoError TokenInvalid = new(401, 5001, "Auth token is invalid");
    public static readonly ConvosoError TokenRevoked = new(401, 5001, "Auth token has been revoked");
    public static ConvosoError ScopeMissing(string scope) => new(403, 5002, $"This auth token may not use the {scope} API");
    public static ConvosoError RateLimited(int retryAfterSeconds) =>
        new(429, 4029, "Too many requests for this auth token") { RetryAfterSeconds = retryAfterSeconds };
    public static readonly ConvosoError Unavailable = new(503, 5030, "Storage is unavailable, try again shortly") { RetryAfterSeconds = 5 };

    public static readonly ConvosoError NoSuchList = new(200, 6002, "No such List");
    public static readonly ConvosoError NoSuchCampaign = new(200, 6005, "No such Campaign");
    public static readonly ConvosoError PhoneAndListRequired = new(200, 6007, "The Lead requires a phone number and list id");
    public static ConvosoError InvalidPhone(string field) => new(200, 6008, $"The phone number is invalid ({field})");
    public static ConvosoError Duplicate(long existingLeadId) => new(200, 6009, "The phone number already exists") { LeadId = existingLeadId };
    public static readonly ConvosoError DoNotCall = new(200, 6010, "The phone number is on a Do-Not-Call list");
    public static ConvosoError InvalidField(string field, string why) => new(200, 6050, $"Invalid value for {field}: {why}");
    public static readonly ConvosoError InvalidEmail = new(200, 6079, "Invalid Email(s)");
    public static readonly ConvosoError NoSuchLead = new(200, 6001, "No such Lead");
    public static ConvosoError SearchTooSlow(int seconds) => new(200, 6060,
        $"The search took longer than {seconds} s and was stopped; narrow it with an indexed filter (list_id, campaign_id, status, phone_number, email, last_name, a created_at or updated_at range)");

    // Admin API (lists, campaigns, custom fields, tokens): Convoso has no codes for these, so 62xx.
    public static readonly ConvosoError NoSuchToken = new(200, 6201, "No such Token");
    public static readonly ConvosoError NoSuchCustomField = new(200, 6202, "No such Custom Field");
    public static readonly ConvosoError CustomFieldExists = new(200, 6203, "The custom field already exists");
}
