using Leadline.ApiHost.Convoso;

namespace Leadline.UnitTests.Convoso;

/// <summary>The codes vendors already handle keep Convoso's meaning; rule refusals answer HTTP 200.</summary>
public class ConvosoErrorTests
{
    public static TheoryData<string, int, int> RuleRefusals() => new()
    {
        { "NoSuchList", 6002, 200 },
        { "NoSuchCampaign", 6005, 200 },
        { "PhoneAndListRequired", 6007, 200 },
        { "InvalidPhone", 6008, 200 },
        { "Duplicate", 6009, 200 },
        { "DoNotCall", 6010, 200 },
        { "InvalidField", 6050, 200 },
        { "InvalidEmail", 6079, 200 },
    };

    public static TheoryData<string, int, int> RequestFailures() => new()
    {
        { "Malformed", 4000, 400 },
        { "BodyTooLarge", 4013, 413 },
        { "TokenMissing", 5001, 401 },
        { "TokenInvalid", 5001, 401 },
        { "TokenRevoked", 5001, 401 },
        { "ScopeMissing", 5002, 403 },
        { "Unavailable", 5030, 503 },
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
        "TokenMissing" => ConvosoErrors.TokenMissing,
        "TokenInvalid" => ConvosoErrors.TokenInvalid,
        "TokenRevoked" => ConvosoErrors.TokenRevoked,
        "ScopeMissing" => ConvosoErrors.ScopeMissing("leads"),
        "Unavailable" => ConvosoErrors.Unavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(RuleRefusals))]
    public void Rule_refusals_answer_http_200_with_their_convoso_code(string name, int code, int status)
    {
        var error = Named(name);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.HttpStatus);
    }

    [Theory]
    [MemberData(nameof(RequestFailures))]
    public void Requests_that_cannot_be_processed_get_a_real_http_status(string name, int code, int status)
    {
        var error = Named(name);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.HttpStatus);
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
    public void Unavailable_asks_the_client_to_retry_later()
    {
        Assert.Equal(5, ConvosoErrors.Unavailable.RetryAfterSeconds);
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
