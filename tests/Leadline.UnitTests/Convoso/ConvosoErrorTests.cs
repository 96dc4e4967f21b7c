using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;

namespace Leadline.UnitTests.Convoso;

/// <summary>
/// The codes vendors already handle keep Convoso's meaning; on Convoso-dialect endpoints every refusal is
/// HTTP 200 but the transport conditions (413, 429, 503) and defects; REST-dialect endpoints keep the status.
/// </summary>
public class ConvosoErrorTests
{
    public static TheoryData<string, int, int> Refusals() => new()
    {
        { "NoSuchList", 6002, 404 },
        { "NoSuchCampaign", 6005, 404 },
        { "PhoneAndListRequired", 6007, 400 },
        { "InvalidPhone", 6008, 400 },
        { "Duplicate", 6009, 409 },
        { "DoNotCall", 6010, 409 },
        { "InvalidField", 6050, 400 },
        { "InvalidEmail", 6079, 400 },
        { "Malformed", 4000, 400 },
        { "TokenMissing", 5001, 401 },
        { "TokenInvalid", 5001, 401 },
        { "TokenRevoked", 5001, 401 },
        { "ScopeMissing", 5002, 403 },
    };

    public static TheoryData<string, int, int> TransportConditions() => new()
    {
        { "BodyTooLarge", 4013, 413 },
        { "RateLimited", 4029, 429 },
        { "Unavailable", 5030, 503 },
        { "Internal", 5000, 500 },
    };

    private static ConvosoError Named(string name) => name switch
    {
        "NoSuchList" => ConvosoErrors.NoSuchList,
        "NoSuchCampaign" => ConvosoErrors.NoSuchCampaign,
        "PhoneAndListRequired" => ConvosoErrors.PhoneAndListRequired,
        "InvalidPhone" => ConvosoErrors.InvalidPhone("phone_number"),
        "Duplicate" => ConvosoErrors.Duplicate(42),
        "DoNotCall" => ConvosoErrors.DoNotCall,
        "InvalidField" => ConvosoErrors.InvalidField("first_name", "too long"),
        "InvalidEmail" => ConvosoErrors.InvalidEmail,
        "Malformed" => ConvosoErrors.Malformed("bad"),
        "BodyTooLarge" => ConvosoErrors.BodyTooLarge(1024 * 1024),
        "RateLimited" => ConvosoErrors.RateLimited(1),
        "TokenMissing" => ConvosoErrors.TokenMissing,
        "TokenInvalid" => ConvosoErrors.TokenInvalid,
        "TokenRevoked" => ConvosoErrors.TokenRevoked,
        "ScopeMissing" => ConvosoErrors.ScopeMissing("leads"),
        "Unavailable" => ConvosoErrors.Unavailable,
        "Internal" => ConvosoErrors.Internal,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusals_are_http_200_in_the_convoso_dialect_and_keep_their_status_in_the_rest_dialect(string name, int code, int restStatus)
    {
        var error = Named(name);

        Assert.Equal(code, error.Code);
        Assert.Equal(200, ApiDialects.StatusFor(error, ApiDialect.Convoso));
        Assert.Equal(restStatus, ApiDialects.StatusFor(error, ApiDialect.Rest));
    }

    [Theory]
    [MemberData(nameof(TransportConditions))]
    public void Transport_conditions_keep_their_status_in_every_dialect(string name, int code, int status)
    {
        var error = Named(name);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, ApiDialects.StatusFor(error, ApiDialect.Convoso));
        Assert.Equal(status, ApiDialects.StatusFor(error, ApiDialect.Rest));
    }

    [Fact]
    public void Convoso_texts_are_kept_for_the_documented_codes()
    {
        Assert.Equal("No such List", ConvosoErrors.NoSuchList.Text);
        Assert.Equal("The Lead requires a phone number and list id", ConvosoErrors.PhoneAndListRequired.Text);
        Assert.Equal("The phone number already exists", ConvosoErrors.Duplicate(1).Text);
        Assert.Equal("Invalid Email(s)", ConvosoErrors.InvalidEmail.Text);
        Assert.Equal("Auth token is invalid", ConvosoErrors.TokenInvalid.Text);
        Assert.StartsWith("The phone number is invalid", ConvosoErrors.InvalidPhone("phone_number").Text);
    }

    [Fact]
    public void Duplicate_carries_the_existing_lead_id()
    {
        Assert.Equal(12345, ConvosoErrors.Duplicate(12345).LeadId);
    }

    [Fact]
    public void Only_duplicate_carries_a_lead_id()
    {
        Assert.Null(ConvosoErrors.NoSuchList.LeadId);
        Assert.Null(ConvosoErrors.InvalidPhone("phone_number").LeadId);
    }

    [Fact]
    public void Unavailable_and_rate_limit_ask_the_client_to_retry_later()
    {
        Assert.Equal(5, ConvosoErrors.Unavailable.RetryAfterSeconds);
        Assert.Equal(3, ConvosoErrors.RateLimited(3).RetryAfterSeconds);
    }

    [Fact]
    public void Field_errors_name_the_field()
    {
        Assert.Contains("alt_phone_1", ConvosoErrors.InvalidPhone("alt_phone_1").Text);
        Assert.Contains("first_name", ConvosoErrors.InvalidField("first_name", "too long").Text);
    }

    [Fact]
    public void Body_too_large_states_the_limit_in_megabytes()
    {
        Assert.Contains("1 MB", ConvosoErrors.BodyTooLarge(1024 * 1024).Text);
    }
}
