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

    private static Dictionary<string, string> With(params (string Name, string Value)[] parameters)
    {
        var all = new Dictionary<string, string>(Options, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
            all[name] = value;
        return all;
    }

    private static ImportRowMapper Mapper(params string[] header) => Mapper(header, Options);

    private static ImportRowMapper Mapper(string[] header, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string?>? saved = null, IReadOnlyDictionary<string, int>? customFields = null)
    {
        var (mapper, error) = ImportRowMapper.Create(header, parameters, customFields ?? InsertRequestBuilder.CustomFields, saved);
        Assert.True(error is null, $"expected a mapper, got {error?.Code} {error?.Text}");
        return mapper!;
    }

    private static Leadline.ApiHost.Convoso.ConvosoError Refusal(string[] header, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string?>? saved = null)
    {
        var (mapper, error) = ImportRowMapper.Create(header, parameters, InsertRequestBuilder.CustomFields, saved);
        Assert.Null(mapper);
        return error!;
    }

    /// <summary>The field of each column, in file order.</summary>
    private static IEnumerable<string?> Fields(ImportRowMapper mapper) => mapper.Mapping.Select(m => m.Field).ToList();

    // ---- rows ----

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

    [Fact]
    public void A_vendor_header_fills_every_field_from_its_column()
    {
        var mapper = Mapper("Phone", "First Name", "Last Name", "Zip", "Email Address", "Cell");

        var request = mapper.Parse(["(727) 555-1212", "Ann", "Lee", "33701", "ann@example.com", "727-555-3434"]).Request!;

        Assert.Equal(["phone_number", "first_name", "last_name", "postal_code", "email", "alt_phone_1"], Fields(mapper));
        Assert.Equal("+17275551212", request.Phone.E164);
        Assert.Equal(("Ann", "Lee", "33701", "ann@example.com"),
            (request.Fields.Standard["first_name"], request.Fields.Standard["last_name"], request.Fields.Standard["postal_code"], request.Fields.Standard["email"]));
        Assert.Equal("+17275553434", request.Fields.Standard["alt_phone_1"]); // validated and normalized like an insert's alt phone
        Assert.Empty(mapper.IgnoredColumns);
    }

    [Fact]
    public void The_mapping_lists_each_column_as_the_file_writes_it_in_file_order()
    {
        var mapper = Mapper("\uFEFFPhone ", " Notes 2", "first_name");

        Assert.Equal([new ColumnMap("Phone", "phone_number"), new ColumnMap("Notes 2", null), new ColumnMap("first_name", "first_name")], mapper.Mapping);
        Assert.Equal(["Notes 2"], mapper.IgnoredColumns);
    }

    [Fact]
    public void An_unmapped_column_is_not_stored()
    {
        var mapper = Mapper("Phone", "Favourite Colour", "status");

        var request = mapper.Parse(["7275551212", "blue", "NEW"]).Request!;

        Assert.Equal(["Favourite Colour"], mapper.IgnoredColumns);
        Assert.Equal(["status"], request.Fields.Standard.Keys);
        Assert.Empty(request.Fields.Custom);
    }

    // ---- (a) explicit map_ parameters ----

    [Fact]
    public void An_explicit_map_fills_the_field_it_names()
    {
        var mapper = Mapper(["Tel1", "Given"], With(("map_Tel1", "phone_number"), ("map_Given", "first_name")));

        Assert.Equal(["phone_number", "first_name"], Fields(mapper));
        Assert.Equal("Ann", mapper.Parse(["7275551212", "Ann"]).Request!.Fields.Standard["first_name"]);
    }

    [Fact]
    public void An_explicit_map_finds_its_column_trimmed_and_in_any_case()
    {
        var mapper = Mapper([" TEL 1 ", "x"], With(("map_tel 1 ", "phone_number")));

        Assert.Equal("phone_number", mapper.Mapping[0].Field);
    }

    [Theory]
    [InlineData("First Name")]
    [InlineData("FIRST_NAME")]
    [InlineData(" first-name ")]
    public void An_explicit_maps_field_is_read_like_a_header(string value)
    {
        var mapper = Mapper(["Phone", "Given"], With(("map_Given", value)));

        Assert.Equal("first_name", mapper.Mapping[1].Field);
    }

    [Fact]
    public void An_explicit_map_overrides_a_synonym()
    {
        var mapper = Mapper(["Phone", "Tel"], With(("map_Tel", "phone_number"), ("map_Phone", "alt_phone_2")));

        Assert.Equal(["alt_phone_2", "phone_number"], Fields(mapper));
        var request = mapper.Parse(["7275550001", "7275550002"]).Request!;
        Assert.Equal("+17275550002", request.Phone.E164);
        Assert.Equal("+17275550001", request.Fields.Standard["alt_phone_2"]);
    }

    [Fact]
    public void An_explicit_map_takes_the_field_from_a_column_that_would_fill_it_by_name()
    {
        var mapper = Mapper(["phone_number", "Mobile"], With(("map_Mobile", "phone_number")));

        Assert.Equal([null, "phone_number"], Fields(mapper));
        Assert.Equal(["phone_number"], mapper.IgnoredColumns);
    }

    [Fact]
    public void An_empty_explicit_map_skips_the_column()
    {
        var mapper = Mapper(["Phone", "Email"], With(("map_Email", "")));

        Assert.Equal(["phone_number", null], Fields(mapper));
        Assert.Equal(["Email"], mapper.IgnoredColumns);
        var request = mapper.Parse(["7275551212", "not-even-an-email"]).Request!; // not stored, so not validated
        Assert.False(request.Fields.Standard.ContainsKey("email"));
    }

    [Fact]
    public void An_explicit_map_fills_a_custom_field()
    {
        var mapper = Mapper(["Phone", "Where from"], With(("map_Where from", "lead_source")));

        Assert.Equal("web", mapper.Parse(["7275551212", "web"]).Request!.Fields.Custom["lead_source"]);
    }

    [Fact]
    public void One_map_parameter_for_a_header_the_file_repeats_fills_the_field_from_the_first_of_them()
    {
        var mapper = Mapper(["Phone", "Tel", "Tel"], With(("map_Tel", "alt_phone_1")));

        Assert.Equal(["phone_number", "alt_phone_1", null], Fields(mapper));
    }

    [Theory]
    [InlineData("map_Given", "shoe_size", "map_Given")]            // no field of the account
    [InlineData("map_Given", "created_by", "map_Given")]           // set by Leadline, not a column
    [InlineData("map_Given", "list_id", "whole file")]             // a whole-file option
    [InlineData("map_Given", "check_dup", "whole file")]
    [InlineData("map_Given", "hopper", "whole file")]
    [InlineData("map_Nowhere", "first_name", "no column Nowhere")]  // names no column of the file
    [InlineData("map_", "first_name", "map_")]                     // names no column at all
    public void A_wrong_explicit_map_is_6050_naming_the_parameter(string name, string value, string textContains)
    {
        var error = Refusal(["Phone", "Given"], With((name, value)));

        Assert.Equal(6050, error.Code);
        Assert.Contains(name, error.Text);
        Assert.Contains(textContains, error.Text);
    }

    [Fact]
    public void Two_explicit_maps_into_one_field_are_6050()
    {
        var error = Refusal(["Phone", "A", "B"], With(("map_A", "email"), ("map_B", "email")));

        Assert.Equal(6050, error.Code);
        Assert.Contains("map_A", error.Text);
        Assert.Contains("map_B", error.Text);
    }

    [Fact]
    public void One_column_mapped_twice_with_two_fields_is_6050()
    {
        var error = Refusal(["Phone", "A"], With(("map_A", "email"), ("map_a", "notes")));

        Assert.Equal(6050, error.Code);
    }

    [Fact]
    public void The_proposal_passes_over_a_wrong_explicit_map()
    {
        var proposal = ImportRowMapper.Propose(["Phone", "Zip"], With(("map_Zip", "shoe_size"), ("map_Nowhere", "email")), InsertRequestBuilder.CustomFields);

        Assert.Equal([new ColumnMap("Phone", "phone_number"), new ColumnMap("Zip", "postal_code")], proposal);
    }

    // ---- (b) the column's own name ----

    [Theory]
    [InlineData("First Name", "first_name")]
    [InlineData("first-name", "first_name")]
    [InlineData("FIRST_NAME", "first_name")]
    [InlineData("first.name", "first_name")]
    [InlineData("  First  Name ", "first_name")]
    [InlineData("Phone Number", "phone_number")]
    [InlineData("Phone Code", "phone_code")]
    [InlineData("Alt Phone 1", "alt_phone_1")]
    [InlineData("Date of Birth", "date_of_birth")]
    [InlineData("Postal Code", "postal_code")]
    [InlineData("Address 2", "address2")]
    [InlineData("Business Name", "business_name")]
    [InlineData("Std Account Number", "std_account_number")]
    public void A_header_that_is_a_fields_name_fills_it_whatever_its_case_spaces_dashes_dots_or_underscores(string header, string field)
    {
        var mapper = Mapper(header == "Phone Number" ? [header] : ["phone_number", header], Options);

        Assert.Equal(field, mapper.Mapping.Single(m => m.Header == header.Trim()).Field);
    }

    [Theory]
    [InlineData("list_id")]
    [InlineData("Check Dup")]
    [InlineData("hopper")]
    [InlineData("auth_token")]
    [InlineData("created_by")]
    public void A_column_named_like_a_whole_file_option_or_a_field_Leadline_sets_is_not_stored(string header)
    {
        var mapper = Mapper("phone_number", header);

        Assert.Null(mapper.Mapping[1].Field);
        var request = mapper.Parse(["7275551212", "99"]).Request!;
        Assert.Equal(10, request.ListId); // the request's list_id, whatever the column says
        Assert.Equal(DupScope.List, request.Dedup.CheckDup);
    }

    // ---- (c) synonyms ----

    public static TheoryData<string, string> EverySynonym()
    {
        var data = new TheoryData<string, string>();
        foreach (var group in ImportFieldSynonyms.Groups.Where(g => g.FieldWithoutPhoneNumber is null))
            foreach (var header in group.Headers)
                data.Add(header, group.Field);
        return data;
    }

    [Theory]
    [MemberData(nameof(EverySynonym))]
    public void Every_synonym_in_the_table_fills_its_field(string header, string field)
    {
        // Another column gives the phone, unless the synonym is the phone's.
        string[] columns = field == "phone_number" ? [header] : ["phone_number", header];

        var mapper = Mapper(columns, Options);

        Assert.Equal(field, mapper.Mapping[^1].Field);
    }

    [Theory]
    [InlineData("Phone #", "phone_number")]
    [InlineData("TELEPHONE", "phone_number")]
    [InlineData("Primary-Phone", "phone_number")]
    [InlineData("ZIP_CODE", "postal_code")]
    [InlineData("Post.Code", "postal_code")]
    [InlineData("E-Mail Address", "email")]
    [InlineData("F Name", "first_name")]
    [InlineData("Sur-name", "last_name")]
    [InlineData("D.O.B.", "date_of_birth")]
    [InlineData("Address Line 1", "address1")]
    [InlineData("Apt/Suite", "address2")]
    [InlineData("Company Name", "business_name")]
    [InlineData("Comments", "notes")]
    [InlineData("SEX", "gender")]
    [InlineData("Region", "province")]
    [InlineData("Work Phone", "alt_phone_2")]
    [InlineData("Office-Phone", "alt_phone_2")]
    public void Synonyms_are_matched_after_normalizing_like_names(string header, string field)
    {
        string[] columns = field == "phone_number" ? [header] : ["phone_number", header];

        Assert.Equal(field, Mapper(columns, Options).Mapping[^1].Field);
    }

    public static TheoryData<string> CellHeaders() => [.. ImportFieldSynonyms.Groups.Single(g => g.FieldWithoutPhoneNumber is not null).Headers];

    [Theory]
    [MemberData(nameof(CellHeaders))]
    public void A_cell_or_mobile_column_is_alt_phone_1_beside_a_phone_column(string header)
    {
        var mapper = Mapper([header, "Phone"], Options); // the phone column after it: still the phone

        Assert.Equal(["alt_phone_1", "phone_number"], Fields(mapper));
    }

    [Theory]
    [MemberData(nameof(CellHeaders))]
    public void A_cell_or_mobile_column_is_the_phone_number_when_no_other_column_is(string header)
    {
        var mapper = Mapper([header, "First Name"], Options);

        Assert.Equal(["phone_number", "first_name"], Fields(mapper));
        Assert.Equal("+17275551212", mapper.Parse(["727-555-1212", "Ann"]).Request!.Phone.E164);
    }

    [Fact]
    public void Of_two_cell_columns_without_a_phone_column_the_first_is_the_phone_and_the_second_alt_phone_1()
    {
        Assert.Equal(["phone_number", "alt_phone_1"], Fields(Mapper(["Cell", "Mobile"], Options)));
    }

    [Fact]
    public void A_cell_column_is_the_phone_when_map_skips_the_phone_column()
    {
        Assert.Equal([null, "phone_number"], Fields(Mapper(["Phone", "Cell"], With(("map_Phone", "")))));
    }

    // ---- (d) custom fields ----

    [Theory]
    [InlineData("lead_source", "lead_source")]
    [InlineData("Lead Source", "lead_source")]
    [InlineData("LEAD-SOURCE", "lead_source")]
    [InlineData("Sub ID", "sub_id")]
    public void A_header_that_is_a_custom_fields_name_fills_it(string header, string field)
    {
        var mapper = Mapper("Phone", header);

        Assert.Equal(field, mapper.Mapping[1].Field);
        Assert.Equal("w", mapper.Parse(["7275551212", "w"]).Request!.Fields.Custom[field]);
    }

    [Fact]
    public void A_synonym_comes_before_a_custom_field_of_the_same_name()
    {
        var custom = new Dictionary<string, int>(StringComparer.Ordinal) { ["zip"] = 10 };

        var mapper = Mapper(["Phone", "Zip"], Options, customFields: custom);

        Assert.Equal("postal_code", mapper.Mapping[1].Field);
        Assert.Equal("zip", Mapper(["Phone", "Zip"], With(("map_Zip", "zip")), customFields: custom).Mapping[1].Field);
    }

    [Fact]
    public void Another_accounts_custom_field_is_no_field_here()
    {
        var mapper = Mapper(["Phone", "Lead Source"], Options, customFields: new Dictionary<string, int>());

        Assert.Null(mapper.Mapping[1].Field);
    }

    // ---- conflicts ----

    [Fact]
    public void When_two_columns_propose_one_field_the_first_keeps_it_and_the_later_is_listed()
    {
        var mapper = Mapper("Phone", "Email", "E-mail", "Email Address");

        Assert.Equal(["phone_number", "email", null, null], Fields(mapper));
        Assert.Equal(["E-mail", "Email Address"], mapper.IgnoredColumns);
        Assert.Equal("a@b.com", mapper.Parse(["7275551212", "a@b.com", "c@d.com", "e@f.com"]).Request!.Fields.Standard["email"]);
    }

    [Fact]
    public void A_header_repeated_fills_its_field_from_its_first_column()
    {
        var mapper = Mapper("phone_number", "notes", "NOTES");

        Assert.Equal(["phone_number", "notes", null], Fields(mapper));
        Assert.Equal(["NOTES"], mapper.IgnoredColumns);
    }

    [Fact]
    public void A_fields_own_name_beats_a_synonym_that_comes_first()
    {
        var mapper = Mapper("Phone", "phone_number");

        Assert.Equal([null, "phone_number"], Fields(mapper));
        Assert.Equal("+17275550002", mapper.Parse(["7275550001", "7275550002"]).Request!.Phone.E164);
    }

    [Fact]
    public void A_plain_alt_phone_synonym_beats_a_cell_column()
    {
        Assert.Equal(["phone_number", "alt_phone_1", null], Fields(Mapper("Phone", "Other Phone", "Cell")));
    }

    // ---- saved mappings ----

    [Fact]
    public void A_saved_mapping_fills_the_fields_it_names_and_skips_what_it_skips()
    {
        var saved = new Dictionary<string, string?> { ["TEL"] = "phone_number", ["given"] = "first_name", ["Zip"] = null, ["Not in this file"] = "email" };

        var mapper = Mapper(["Tel", "Given", "Zip"], Options, saved);

        Assert.Equal(["phone_number", "first_name", null], Fields(mapper));
    }

    [Fact]
    public void Explicit_maps_override_the_saved_mapping_per_column()
    {
        var saved = new Dictionary<string, string?> { ["Tel"] = "phone_number", ["Other"] = "email", ["Zip"] = null };

        var mapper = Mapper(["Tel", "Other", "Zip", "Mail"], With(("map_Zip", "postal_code"), ("map_Mail", "email")), saved);

        Assert.Equal(["phone_number", null, "postal_code", "email"], Fields(mapper)); // map_Mail takes email from the saved "Other"
    }

    [Fact]
    public void A_saved_mapping_beats_a_synonym()
    {
        var saved = new Dictionary<string, string?> { ["Phone"] = "alt_phone_2", ["Line"] = "phone_number" };

        Assert.Equal(["alt_phone_2", "phone_number"], Fields(Mapper(["Phone", "Line"], Options, saved)));
    }

    [Fact]
    public void A_saved_entry_naming_a_field_the_account_no_longer_has_is_6050_naming_mapping()
    {
        var saved = new Dictionary<string, string?> { ["Src"] = "deleted_field" };

        var error = Refusal(["Phone", "Src"], Options, saved);

        Assert.Equal(6050, error.Code);
        Assert.Contains("mapping", error.Text);
        Assert.Contains("deleted_field", error.Text);
        Assert.Null(ImportRowMapper.Create(["Phone", "Src"], With(("map_Src", "")), InsertRequestBuilder.CustomFields, saved).Error);
    }

    // ---- no phone ----

    [Fact]
    public void A_file_without_a_phone_number_column_after_mapping_is_4000_naming_the_headers_and_how_to_map_one()
    {
        var error = Refusal(["Tel1", "First Name", "Email"], Options);

        Assert.Equal((4000, 400), (error.Code, error.HttpStatus));
        Assert.Contains("Tel1, First Name, Email", error.Text);
        Assert.Contains("map_<column>=phone_number", error.Text);
        Assert.Contains("map_Tel1=phone_number", error.Text);
    }

    [Fact]
    public void Skipping_the_only_phone_column_is_4000()
    {
        Assert.Equal(4000, Refusal(["Phone", "Email"], With(("map_Phone", ""))).Code);
    }

    [Fact]
    public void The_proposal_of_a_file_without_a_phone_column_still_lists_every_column()
    {
        var proposal = ImportRowMapper.Propose(["Tel1", "First Name"], Options, InsertRequestBuilder.CustomFields);

        Assert.Equal([new ColumnMap("Tel1", null), new ColumnMap("First Name", "first_name")], proposal);
    }

    [Fact]
    public void The_proposal_is_the_mapping_the_import_uses()
    {
        string[] header = ["Cell", "Phone #", "F Name", "Lead Source", "Notes 2", "Zip"];
        var parameters = With(("map_Zip", ""), ("map_Notes 2", "notes"));

        Assert.Equal(Mapper(header, parameters).Mapping, ImportRowMapper.Propose(header, parameters, InsertRequestBuilder.CustomFields));
    }
}
