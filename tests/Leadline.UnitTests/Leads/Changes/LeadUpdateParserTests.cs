using Leadline.ApiHost.Leads.Changes;
using Leadline.ApiHost.V1;
using Leadline.Grains.PhoneShards;
using Leadline.UnitTests.Leads;

namespace Leadline.UnitTests.Leads.Changes;

public sealed class LeadUpdateParserTests
{
    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.Append(("auth_token", "tok")).ToDictionary(v => v.Item1, v => v.Item2, StringComparer.Ordinal);

    [Fact]
    public void Only_lead_id_is_required_and_nothing_else_changes()
    {
        var (request, error) = LeadUpdateParser.Parse(Values(("lead_id", "42")), InsertRequestBuilder.CustomFields);

        Assert.Null(error);
        Assert.Equal(42, request!.LeadId);
        Assert.Null(request.ListId);
        Assert.Null(request.Phone);
        Assert.Empty(request.Fields.Standard);
        Assert.Empty(request.Fields.Custom);
    }

    [Fact]
    public void Fields_list_phone_and_checks_are_parsed_like_an_insert()
    {
        var (request, error) = LeadUpdateParser.Parse(Values(
            ("lead_id", "42"), ("list_id", "7"), ("phone_number", "727.555.1212"), ("check_dup", "3"), ("check_dnc", "1"),
            ("update_if_found", "1"), ("status", "SALE"), ("date_of_birth", "04/05/1980"), ("lead_source", "web"), ("shoe", "9")),
            InsertRequestBuilder.CustomFields);

        Assert.Null(error);
        Assert.Equal(7, request!.ListId);
        Assert.Equal("+17275551212", request.Phone!.E164);
        Assert.Equal(new DedupOptions(DupScope.Campaign, false, true, false), request.Dedup);
        Assert.Equal("SALE", request.Fields.Standard["status"]);
        Assert.Equal("1980-04-05", request.Fields.Standard["date_of_birth"]);
        Assert.Equal("web", request.Fields.Custom["lead_source"]);
        Assert.Equal(["shoe", "update_if_found"], request.Ignored); // update_if_found means nothing for a lead named by its id
    }

    [Theory]
    [InlineData("true", "yes", "on", DupScope.Account, true, true)]
    [InlineData("TRUE", "Y", "1", DupScope.Account, true, true)]
    [InlineData("false", "no", "off", DupScope.None, false, false)]
    [InlineData("1", "0", "n", DupScope.Account, false, false)]
    [InlineData("2", "true", "false", DupScope.List, true, false)]
    public void Checks_take_every_spelling_of_the_one_flag_parser_and_check_dup_true_is_1(
        string checkDup, string archive, string dnc, DupScope scope, bool expectArchive, bool expectDnc)
    {
        var (request, error) = LeadUpdateParser.Parse(
            Values(("lead_id", "42"), ("check_dup", checkDup), ("check_dup_archive", archive), ("check_dnc", dnc)),
            InsertRequestBuilder.CustomFields);

        Assert.Null(error);
        Assert.Equal(new DedupOptions(scope, expectArchive, expectDnc, false), request!.Dedup);
    }

    [Theory]
    [InlineData("check_dnc", "maybe")]
    [InlineData("check_dup_archive", "2")]
    [InlineData("check_dup", "yes please")]
    public void A_check_that_is_no_flag_is_6050_naming_it(string name, string value)
    {
        var (request, error) = LeadUpdateParser.Parse(Values(("lead_id", "42"), (name, value)), InsertRequestBuilder.CustomFields);

        Assert.Null(request);
        Assert.Equal(6050, error!.Code);
        Assert.Contains(name, error.Text);
    }

    [Fact]
    public void Insert_options_that_mean_nothing_for_an_update_are_ignored_not_read()
    {
        var (request, error) = LeadUpdateParser.Parse(
            Values(("lead_id", "42"), ("hopper", "maybe"), ("hopper_priority", "500"), ("update_if_found", "1"), ("search_list_id", "x")),
            InsertRequestBuilder.CustomFields);

        Assert.Null(error);
        Assert.Equal(["hopper", "hopper_priority", "search_list_id", "update_if_found"], request!.Ignored);
        Assert.Empty(request.Fields.Standard);
    }

    [Theory]
    [InlineData("lead_id", "", 6050)]          // required
    [InlineData("lead_id", "abc", 6001)]       // no such lead
    [InlineData("list_id", "-3", 6002)]        // no such list
    [InlineData("phone_number", "12", 6008)]
    [InlineData("phone_code", "999", 6008)]
    [InlineData("email", "nope", 6079)]
    [InlineData("check_dup", "4", 6050)]
    [InlineData("lead_source", "much too long for twenty", 6050)]
    public void A_wrong_value_answers_the_insert_code(string name, string value, int code)
    {
        var values = Values(("lead_id", "42"));
        values[name] = value;

        var (request, error) = LeadUpdateParser.Parse(values, InsertRequestBuilder.CustomFields);

        Assert.Null(request);
        Assert.Equal(code, error!.Code);
        Assert.Equal(200, ApiDialects.StatusFor(error, ApiDialect.Convoso)); // a refusal, not a transport condition
    }
}
