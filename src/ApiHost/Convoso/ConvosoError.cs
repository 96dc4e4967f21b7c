namespace Leadline.ApiHost.Convoso;

/// <summary>
/// A refusal: a registered <see cref="ErrorCode"/> and the text for this case (which may name the parameter).
/// The HTTP status it is sent with depends on the endpoint's dialect, see <see cref="ApiDialects.StatusFor"/>.
/// </summary>
public sealed record ConvosoError(ErrorCode Definition, string Text)
{
    public int Code => Definition.Code;

    /// <summary>The status on a REST-style endpoint; Convoso-dialect endpoints answer 200 for most codes.</summary>
    public int HttpStatus => Definition.RestStatus;

    /// <summary>The existing lead a duplicate refers to.</summary>
    public long? LeadId { get; init; }

    /// <summary>Sent as Retry-After on 429 and 503.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static implicit operator ConvosoError(ErrorCode code) => new(code, code.Meaning);
}

/// <summary>
/// The refusals every family uses, with Convoso's texts where Convoso documents one. Family-only refusals
/// live beside their endpoints (DncErrors, HopperErrors, …), built from <see cref="ErrorCodes"/> too.
/// </summary>
public static class ConvosoErrors
{
    public static ConvosoError Malformed(string text) => new(ErrorCodes.Malformed, text);
    public static ConvosoError BodyTooLarge(long limitBytes) => new(ErrorCodes.BodyTooLarge, $"The request body is larger than {limitBytes / 1024 / 1024} MB");
    public static readonly ConvosoError TokenMissing = new(ErrorCodes.TokenInvalid, "auth_token is required");
    public static readonly ConvosoError TokenInvalid = new(ErrorCodes.TokenInvalid, "Auth token is invalid");
    public static readonly ConvosoError TokenRevoked = new(ErrorCodes.TokenInvalid, "Auth token has been revoked");
    public static ConvosoError ScopeMissing(string scope) => new(ErrorCodes.ScopeMissing, $"This auth token may not use the {scope} API");
    public static ConvosoError RateLimited(int retryAfterSeconds) =>
        new(ErrorCodes.RateLimited, ErrorCodes.RateLimited.Meaning) { RetryAfterSeconds = retryAfterSeconds };
    public static readonly ConvosoError Unavailable = new(ErrorCodes.Unavailable, "Storage is unavailable, try again shortly") { RetryAfterSeconds = 5 };
    public static readonly ConvosoError Internal = new(ErrorCodes.Internal, "Internal error");

    public static readonly ConvosoError NoSuchList = ErrorCodes.NoSuchList;
    public static readonly ConvosoError NoSuchCampaign = ErrorCodes.NoSuchCampaign;
    public static readonly ConvosoError NoSuchLead = ErrorCodes.NoSuchLead;
    public static readonly ConvosoError PhoneAndListRequired = ErrorCodes.PhoneAndListRequired;
    public static ConvosoError InvalidPhone(string field) => new(ErrorCodes.InvalidPhone, $"The phone number is invalid ({field})");
    public static ConvosoError Duplicate(long existingLeadId) => new(ErrorCodes.Duplicate, "The phone number already exists") { LeadId = existingLeadId };
    public static readonly ConvosoError DoNotCall = ErrorCodes.DoNotCall;
    public static readonly ConvosoError InvalidEmail = ErrorCodes.InvalidEmail;
    public static ConvosoError SearchTooSlow(int seconds) => new(ErrorCodes.SearchTooSlow,
        $"The search took longer than {seconds} s and was stopped; narrow it with an indexed filter (list_id, campaign_id, status, phone_number, email, last_name, a created_at or updated_at range)");

    /// <summary>A search's offset out of range: Convoso's 7231.</summary>
    public static ConvosoError InvalidOffset(int max) => new(ErrorCodes.InvalidOffset, $"Invalid offset value: offset must be a whole number from 0 to {max}");

    /// <summary>A search's limit out of range: Convoso's 7230.</summary>
    public static ConvosoError InvalidLimit(int max) => new(ErrorCodes.InvalidLimit, $"Invalid limit value: limit must be a whole number from 1 to {max}");

    /// <summary>A missing required parameter (6050 names it).</summary>
    public static ConvosoError Required(string name) => new(ErrorCodes.InvalidValue, $"{name} is required");

    /// <summary>A parameter whose value is wrong (6050 names it and what is allowed).</summary>
    public static ConvosoError Invalid(string name, string why) => new(ErrorCodes.InvalidValue, $"Invalid value for {name}: {why}");

    /// <summary>The same as <see cref="Invalid"/>; the name lead fields have used since the insert API.</summary>
    public static ConvosoError InvalidField(string field, string why) => Invalid(field, why);
}
