using System.Text;
using Leadline.ApiHost.Convoso;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Leadline.UnitTests.Convoso;

public class FlatParametersTests
{
    private const string Form = "application/x-www-form-urlencoded";

    private static DefaultHttpContext Request(string? query = null, string? body = null, string? contentType = Form)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        if (query is not null)
            http.Request.QueryString = new QueryString("?" + query);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = contentType;
        }
        return http;
    }

    private static async Task<IReadOnlyDictionary<string, string>> Accepted(HttpContext http)
    {
        var (values, error) = await FlatParameters.ReadAsync(http.Request);
        Assert.True(error is null, $"expected success, got {error?.HttpStatus} {error?.Text}");
        return values!;
    }

    private static async Task<ConvosoError> Refused(HttpContext http)
    {
        var (values, error) = await FlatParameters.ReadAsync(http.Request);
        Assert.Null(values);
        Assert.NotNull(error);
        return error;
    }

    [Fact]
    public async Task Query_string_parameters_are_read()
    {
        var values = await Accepted(Request(query: "list_id=10&phone_number=7275551212"));

        Assert.Equal("10", values["list_id"]);
        Assert.Equal("7275551212", values["phone_number"]);
    }

    [Fact]
    public async Task Form_body_parameters_are_read_and_decoded()
    {
        var values = await Accepted(Request(body: "first_name=Ann+Lee&email=ann%40example.com&notes="));

        Assert.Equal("Ann Lee", values["first_name"]);
        Assert.Equal("ann@example.com", values["email"]);
        Assert.Equal("", values["notes"]);
    }

    [Fact]
    public async Task Query_and_body_are_merged_and_the_body_wins()
    {
        var values = await Accepted(Request(query: "auth_token=q&list_id=1", body: "list_id=2&phone_number=7275551212"));

        Assert.Equal("q", values["auth_token"]);
        Assert.Equal("2", values["list_id"]);
        Assert.Equal("7275551212", values["phone_number"]);
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public async Task A_request_with_no_parameters_is_an_empty_set()
    {
        Assert.Empty(await Accepted(Request()));
    }

    [Theory]
    [InlineData("a[b]=1")]
    [InlineData("a[]=1")]
    [InlineData("lead[first_name]=Ann")]
    [InlineData("a%5Bb%5D=1")]
    [InlineData("a]=1")]
    public async Task Nested_or_array_names_in_the_body_are_400_naming_the_parameter(string body)
    {
        var error = await Refused(Request(body: "list_id=10&" + body));

        Assert.Equal(400, error.HttpStatus);
        Assert.Contains(Uri.UnescapeDataString(body.Split('=')[0]), error.Text);
    }

    [Theory]
    [InlineData("a[b]=1")]
    [InlineData("a[]=1")]
    public async Task Nested_or_array_names_in_the_query_are_400_naming_the_parameter(string query)
    {
        var error = await Refused(Request(query: query));

        Assert.Equal(400, error.HttpStatus);
        Assert.Contains(query.Split('=')[0], error.Text);
    }

    [Fact]
    public async Task A_name_repeated_with_the_same_value_is_read_once()
    {
        // go-convoso adds list_id to a form that may already hold it.
        var values = await Accepted(Request(body: "list_id=10&list_id=10&phone_number=7275551212"));

        Assert.Equal("10", values["list_id"]);
    }

    [Fact]
    public async Task A_name_repeated_in_the_body_is_400_naming_it()
    {
        var error = await Refused(Request(body: "list_id=10&list_id=11"));

        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("list_id", error.Text);
    }

    [Fact]
    public async Task A_name_repeated_in_the_query_is_400_naming_it()
    {
        var error = await Refused(Request(query: "phone_number=1&phone_number=2"));

        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("phone_number", error.Text);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("text/plain")]
    public async Task A_flat_json_object_body_is_read_as_parameters(string contentType)
    {
        var values = await Accepted(Request(
            body: """{"list_id":10,"phone_number":"7275551212","check_dnc":true,"hopper":false,"notes":null,"monthly_revenue":12.50}""",
            contentType: contentType));

        Assert.Equal("10", values["list_id"]);
        Assert.Equal("7275551212", values["phone_number"]);
        Assert.Equal("true", values["check_dnc"]);
        Assert.Equal("false", values["hopper"]);
        Assert.Equal("12.50", values["monthly_revenue"]);
        Assert.False(values.ContainsKey("notes")); // null is absent
    }

    [Fact]
    public async Task A_json_body_wins_over_the_query_string()
    {
        var values = await Accepted(Request(query: "auth_token=q&list_id=1", body: """{"list_id":"2"}""", contentType: "application/json"));

        Assert.Equal("q", values["auth_token"]);
        Assert.Equal("2", values["list_id"]);
    }

    [Theory]
    [InlineData("""{"query":{"list_id":10}}""", "query")]
    [InlineData("""{"list_id":10,"tags":["a","b"]}""", "tags")]
    [InlineData("""{"lead[first_name]":"Ann"}""", "lead[first_name]")]
    public async Task Nested_json_values_are_400_naming_the_parameter(string body, string name)
    {
        var error = await Refused(Request(body: body, contentType: "application/json"));

        Assert.Equal(4000, error.Code);
        Assert.Contains(name, error.Text);
    }

    [Theory]
    [InlineData("""[{"list_id":10}]""")]
    [InlineData("""{"list_id":10""")]
    [InlineData("list_id=10")]
    [InlineData("\"just a string\"")]
    public async Task A_json_body_that_is_not_one_object_is_400(string body)
    {
        Assert.Equal(4000, (await Refused(Request(body: body, contentType: "application/json"))).Code);
    }

    [Theory]
    [InlineData("""{"first_name":"\ud800"}""")]
    [InlineData("""{"list_id":1e999}""")]
    [InlineData("""{"a":"\u0000"}""")]
    [InlineData("{\"a\":\"\xff\"}")]
    [InlineData("""{"a":1,}""")]
    public async Task Odd_json_is_read_or_refused_with_4000_never_thrown(string body)
    {
        var (values, error) = await FlatParameters.ReadAsync(Request(body: body, contentType: "application/json").Request);

        Assert.True(values is not null || error!.Code == 4000, error?.Text);
    }

    [Theory]
    [InlineData("first_name=%00", null)]
    [InlineData(null, "notes=a%00b")]
    public async Task A_nul_character_anywhere_is_4000_naming_the_parameter(string? query, string? body)
    {
        var error = await Refused(Request(query: query, body: body));

        // (ASP.NET's form reader refuses a NUL itself; its words do not always name the field.)
        Assert.Equal(4000, error.Code);
        if (query is not null)
            Assert.Contains("first_name", error.Text);
    }

    [Fact]
    public async Task A_nul_in_a_json_string_is_4000()
    {
        Assert.Equal(4000, (await Refused(Request(body: """{"last_name":"a\u0000"}""", contentType: "application/json"))).Code);
    }

    [Fact]
    public async Task A_name_repeated_in_a_json_body_is_400()
    {
        var error = await Refused(Request(body: """{"list_id":10,"list_id":11}""", contentType: "application/json"));

        Assert.Contains("list_id", error.Text);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_json_content_type_without_a_body_is_ignored(string method)
    {
        // walmat/convoso-sdk sends Content-Type: application/json on every call, GETs with no body included.
        var http = Request(query: "list_id=10&phone_number=7275551212");
        http.Request.Method = method;
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = 0;

        var values = await Accepted(http);

        Assert.Equal("10", values["list_id"]);
    }

    [Fact]
    public async Task A_json_content_type_with_a_blank_chunked_body_is_ignored()
    {
        var http = Request(query: "list_id=10", body: "  \r\n", contentType: "application/json");
        http.Request.ContentLength = null;
        http.Request.Headers.TransferEncoding = "chunked";

        Assert.Equal("10", (await Accepted(http))["list_id"]);
    }

    [Fact]
    public async Task A_json_body_sent_as_a_form_is_400()
    {
        var error = await Refused(Request(body: """{"list_id":10}"""));

        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("JSON", error.Text);
    }

    [Theory]
    [InlineData("\n{\"list_id\":10}")]
    [InlineData("  {\"list_id\":10}")]
    [InlineData("\r\n[{\"list_id\":10}]")]
    public async Task A_json_body_with_leading_whitespace_sent_as_a_form_is_400(string body)
    {
        var error = await Refused(Request(body: body));

        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task A_content_length_over_1_MB_is_413_before_reading_the_body()
    {
        var http = Request(body: "list_id=10");
        http.Request.ContentLength = FlatParameters.MaxBodyBytes + 1;

        var error = await Refused(http);

        Assert.Equal(413, error.HttpStatus);
        Assert.Equal(0, http.Request.Body.Position);
    }

    [Fact]
    public async Task A_body_of_exactly_1_MB_is_read()
    {
        var prefix = "list_id=10&notes=";
        var body = prefix + new string('x', (int)FlatParameters.MaxBodyBytes - prefix.Length);

        var values = await Accepted(Request(body: body));

        Assert.Equal(FlatParameters.MaxBodyBytes - prefix.Length, values["notes"].Length);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task A_body_that_is_not_a_form_is_400(string? contentType)
    {
        var error = await Refused(Request(body: "list_id=10", contentType: contentType));

        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task A_chunked_text_plain_body_without_content_length_is_400()
    {
        var http = Request(body: "list_id=10", contentType: "text/plain");
        http.Request.ContentLength = null;
        http.Request.Headers.TransferEncoding = "chunked";

        Assert.Equal(400, (await Refused(http)).HttpStatus);
    }

    [Fact]
    public async Task A_text_plain_body_without_content_length_or_transfer_encoding_is_400()
    {
        // HTTP/2 sends a body in DATA frames with neither Content-Length nor Transfer-Encoding;
        // the server only knows there is one through IHttpRequestBodyDetectionFeature.
        var http = Request(body: "list_id=10", contentType: "text/plain");
        http.Request.ContentLength = null;
        http.Request.Protocol = "HTTP/2";
        http.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetectionFeature());

        Assert.Equal(400, (await Refused(http)).HttpStatus);
    }

    [Fact]
    public async Task A_multipart_form_body_is_read()
    {
        const string boundary = "----leadline";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"list_id\"\r\n\r\n10\r\n--{boundary}--\r\n";

        var values = await Accepted(Request(body: body, contentType: $"multipart/form-data; boundary={boundary}"));

        Assert.Equal("10", values["list_id"]);
    }

    [Fact]
    public void LimitBody_caps_the_server_body_size_at_1_MB()
    {
        var http = new DefaultHttpContext();
        var feature = new BodySizeFeature();
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(feature);

        FlatParameters.LimitBody(http);

        Assert.Equal(1024 * 1024, feature.MaxRequestBodySize);
    }

    [Fact]
    public void LimitBody_leaves_a_read_only_limit_alone()
    {
        var http = new DefaultHttpContext();
        var feature = new BodySizeFeature { IsReadOnly = true, MaxRequestBodySize = 5 };
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(feature);

        FlatParameters.LimitBody(http);

        Assert.Equal(5, feature.MaxRequestBodySize);
    }

    private sealed class BodyDetectionFeature : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private sealed class BodySizeFeature : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly { get; init; }
        public long? MaxRequestBodySize { get; set; } = 30_000_000;
    }
}
