using Leadline.ApiHost.Leads.Import;
using Leadline.Grains.PhoneShards;
using Leadline.UnitTests.Leads;

namespace Leadline.UnitTests.Leads.Import;

public sealed class ImportRowMapperTests
{
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["auth_token"] = "tok", ["list_id"] = "10", ["check_dup"] = "2", ["hopper"] = "1", ["hopper_priority"] = "40", ["status"] = "X",
    };

    private static ImportRowMapper Mapper(params string[] header)
    {
        var (mapper, error) = ImportRowMapper.Create(header, Options, InsertRequestBuilder.CustomFields);
        Assert.Null(error);
        return mapper!;
    }

    [Fact]
    public void A_row_becomes_an_insert_request_with_the_files_options()
    {
        var mapper = Mapper(" Phone_Number ", "first_name", "lead_source", "shoe_size");

        var (request, error) = mapper.Parse(["(727) 555-1212", "Ann", "web", "9"]);

        Assert.Null(error);
        Assert.Equal(10, request!.ListId);
        Assert.Equal("+17275551212", request.Phone.E164);
        Assert.Equal(DupScope.List, request.Dedup.CheckDup);
        Assert.Equal(40, request.Hopper!.Priority);
        Assert.Equal("Ann", request.Fields.Standard["first_name"]);
        Assert.Equal("web", request.Fields.Custom["lead_source"]);
        Assert.False(request.Fields.Standard.ContainsKey("status")); // request fields are not row defaults
        Assert.Equal(["shoe_size"], mapper.IgnoredColumns);
    }

    [Fact]
    public void Each_row_is_validated_like_an_insert()
    {
        var mapper = Mapper("phone_number", "email");

        Assert.Equal(6008, mapper.Parse(["12345", "a@b.com"]).Error!.Code);
        Assert.Equal(6079, mapper.Parse(["7275551212", "not-an-email"]).Error!.Code);
        Assert.Equal(6007, mapper.Parse(["", "a@b.com"]).Error!.Code);
        Assert.Equal(6050, mapper.Parse(["7275551212"]).Error!.Code); // wrong number of fields
    }

    [Fact]
    public void A_phone_code_column_applies_per_row_and_blank_means_the_default()
    {
        var mapper = Mapper("phone_number", "phone_code");

        Assert.Equal("+442079460018", mapper.Parse(["2079460018", "44"]).Request!.Phone.E164);
        Assert.Equal("+17275551212", mapper.Parse(["7275551212", ""]).Request!.Phone.E164);
    }

    [Theory]
    [InlineData("first_name")]                    // no phone_number
    [InlineData("phone_number", "check_dup")]     // an option is the request's, not a column's
    [InlineData("phone_number", "list_id")]
    [InlineData("phone_number", "email", "EMAIL")] // twice
    public void A_header_that_cannot_be_imported_is_refused(params string[] header)
    {
        var (mapper, error) = ImportRowMapper.Create(header, Options, InsertRequestBuilder.CustomFields);
        Assert.Null(mapper);
        Assert.Equal(400, error!.HttpStatus);
    }
}
