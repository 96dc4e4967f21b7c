using System.Text;
using System.Text.Json;
using Leadline.Grains.Workflows;

namespace Leadline.UnitTests.Workflows;

public class WebhookPayloadTests
{
    private const string EventPayload = """{"priority":50,"inserted_at":"2026-11-27T08:00:00+00:00","expires_at":"2026-11-27T09:00:00+00:00"}""";

    // 10:00:00.123456 at +01:00 is 09:00:00.123456 UTC.
    private static readonly DateTimeOffset OccurredAt =
        new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_560);

    private static DeliveryWork Work(
        IReadOnlyDictionary<string, string?>? lead,
        long? campaignId = 3,
        long? leadId = 42,
        string ruleName = "Expired leads to CRM",
        string payload = EventPayload) =>
        new(
            new ClaimedDelivery(DeliveryId: 7, Attempt: 2, NextAction: 0),
            new WorkflowEvent(101, 9, "HOPPER_EXPIRE", campaignId, leadId, payload, OccurredAt),
            RuleId: 5,
            RuleName: ruleName,
            RuleActive: true,
            Actions: [],
            Lead: lead);

    private static Dictionary<string, string?> Lead() => new()
    {
        ["lead_id"] = "42",
        ["phone_number"] = "7275550001",
        ["first_name"] = "Ann",
        ["email"] = null,
    };

    private static JsonElement ParseJson(WebhookPayload.Body body)
    {
        using var doc = JsonDocument.Parse(body.Bytes);
        return doc.RootElement.Clone();
    }

    /// <summary>The form body's pairs, in order, decoded.</summary>
    private static List<KeyValuePair<string, string>> ParseForm(WebhookPayload.Body body)
    {
        var text = Encoding.UTF8.GetString(body.Bytes);
        return text.Split('&').Select(pair => pair.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .ToList();
    }

    [Fact]
    public void Json_body_has_the_envelope_fields_in_order_then_data_then_lead()
    {
        var root = ParseJson(WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Json));

        Assert.Equal(
            ["event", "event_id", "delivery_id", "attempt", "rule_id", "rule_name", "account_id", "campaign_id", "lead_id", "occurred_at", "data", "lead"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Json_envelope_values_are_strings_with_ids_as_text_and_time_in_utc()
    {
        var root = ParseJson(WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Json));

        foreach (var name in new[] { "event", "event_id", "delivery_id", "attempt", "rule_id", "rule_name", "account_id", "campaign_id", "lead_id", "occurred_at" })
            Assert.Equal(JsonValueKind.String, root.GetProperty(name).ValueKind);
        Assert.Equal("HOPPER_EXPIRE", root.GetProperty("event").GetString());
        Assert.Equal("101", root.GetProperty("event_id").GetString());
        Assert.Equal("7", root.GetProperty("delivery_id").GetString());
        Assert.Equal("2", root.GetProperty("attempt").GetString());
        Assert.Equal("5", root.GetProperty("rule_id").GetString());
        Assert.Equal("Expired leads to CRM", root.GetProperty("rule_name").GetString());
        Assert.Equal("9", root.GetProperty("account_id").GetString());
        Assert.Equal("3", root.GetProperty("campaign_id").GetString());
        Assert.Equal("42", root.GetProperty("lead_id").GetString());
        Assert.Equal("2026-11-27T09:00:00.123456Z", root.GetProperty("occurred_at").GetString());
    }

    [Fact]
    public void Json_data_is_the_event_payload_unchanged()
    {
        var root = ParseJson(WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Json));
        var data = root.GetProperty("data");

        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal(["priority", "inserted_at", "expires_at"], data.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Number, data.GetProperty("priority").ValueKind);
        Assert.Equal(50, data.GetProperty("priority").GetInt32());
        Assert.Equal("2026-11-27T08:00:00+00:00", data.GetProperty("inserted_at").GetString());
        Assert.Equal("2026-11-27T09:00:00+00:00", data.GetProperty("expires_at").GetString());
    }

    [Fact]
    public void Json_lead_is_an_object_of_the_lead_fields_with_nulls_kept()
    {
        var root = ParseJson(WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Json));
        var lead = root.GetProperty("lead");

        Assert.Equal(JsonValueKind.Object, lead.ValueKind);
        Assert.Equal(["email", "first_name", "lead_id", "phone_number"], lead.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("42", lead.GetProperty("lead_id").GetString());
        Assert.Equal("7275550001", lead.GetProperty("phone_number").GetString());
        Assert.Equal("Ann", lead.GetProperty("first_name").GetString());
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("email").ValueKind);
    }

    [Fact]
    public void Json_lead_is_null_when_there_is_no_lead()
    {
        var root = ParseJson(WebhookPayload.Build(Work(lead: null), WebhookBodyFormats.Json));

        Assert.Equal(JsonValueKind.Null, root.GetProperty("lead").ValueKind);
    }

    [Fact]
    public void Json_absent_campaign_and_lead_ids_are_null()
    {
        var root = ParseJson(WebhookPayload.Build(Work(lead: null, campaignId: null, leadId: null), WebhookBodyFormats.Json));

        Assert.Equal(JsonValueKind.Null, root.GetProperty("campaign_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lead_id").ValueKind);
    }

    [Fact]
    public void Json_body_has_the_json_content_type()
    {
        Assert.Equal("application/json; charset=utf-8", WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Json).ContentType);
    }

    [Fact]
    public void Json_escapes_special_characters_in_strings()
    {
        const string name = "Quote \" backslash \\ newline \n é";
        var root = ParseJson(WebhookPayload.Build(Work(Lead(), ruleName: name), WebhookBodyFormats.Json));

        Assert.Equal(name, root.GetProperty("rule_name").GetString());
    }

    [Fact]
    public void Form_body_is_flat_envelope_then_prefixed_event_fields_then_lead_fields()
    {
        var body = WebhookPayload.Build(Work(Lead()), WebhookBodyFormats.Form);

        Assert.Equal("application/x-www-form-urlencoded", body.ContentType);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["event"] = "HOPPER_EXPIRE",
                ["event_id"] = "101",
                ["delivery_id"] = "7",
                ["attempt"] = "2",
                ["rule_id"] = "5",
                ["rule_name"] = "Expired leads to CRM",
                ["account_id"] = "9",
                ["campaign_id"] = "3",
                ["lead_id"] = "42",
                ["occurred_at"] = "2026-11-27T09:00:00.123456Z",
                ["event_priority"] = "50",
                ["event_inserted_at"] = "2026-11-27T08:00:00+00:00",
                ["event_expires_at"] = "2026-11-27T09:00:00+00:00",
                ["phone_number"] = "7275550001",
                ["first_name"] = "Ann",
            }.ToList(),
            ParseForm(body));
    }

    [Fact]
    public void Form_envelope_names_win_over_lead_fields()
    {
        var lead = Lead();
        lead["event"] = "SPOOFED";
        lead["rule_name"] = "spoofed";
        lead["lead_id"] = "999";
        lead["occurred_at"] = "1999-01-01";
        var fields = ParseForm(WebhookPayload.Build(Work(lead), WebhookBodyFormats.Form));

        Assert.Single(fields, f => f.Key == "event");
        Assert.Equal("HOPPER_EXPIRE", fields.Single(f => f.Key == "event").Value);
        Assert.Equal("Expired leads to CRM", fields.Single(f => f.Key == "rule_name").Value);
        Assert.Equal("42", fields.Single(f => f.Key == "lead_id").Value);
        Assert.Equal("2026-11-27T09:00:00.123456Z", fields.Single(f => f.Key == "occurred_at").Value);
    }

    [Fact]
    public void Form_event_fields_win_over_lead_fields_of_the_same_name()
    {
        var lead = Lead();
        lead["event_priority"] = "1";
        var fields = ParseForm(WebhookPayload.Build(Work(lead), WebhookBodyFormats.Form));

        Assert.Equal("50", Assert.Single(fields, f => f.Key == "event_priority").Value);
    }

    [Fact]
    public void Form_envelope_names_win_over_event_fields_and_null_event_values_are_left_out()
    {
        var fields = ParseForm(WebhookPayload.Build(Work(null, payload: "{\"id\":\"X\",\"gone\":null}"), WebhookBodyFormats.Form));

        Assert.Equal("101", Assert.Single(fields, f => f.Key == "event_id").Value);
        Assert.DoesNotContain(fields, f => f.Key == "event_gone");
    }

    [Fact]
    public void Form_url_encodes_special_characters_in_names_and_values()
    {
        const string name = "A&B=C d+é/100%";
        var lead = Lead();
        lead["custom key&x"] = "x=y&z";
        var body = WebhookPayload.Build(Work(lead, ruleName: name), WebhookBodyFormats.Form);
        var text = Encoding.UTF8.GetString(body.Bytes);

        Assert.Contains("&rule_name=A%26B%3DC%20d%2B%C3%A9%2F100%25&", text);
        Assert.Contains("&custom%20key%26x=x%3Dy%26z", text);
        var fields = ParseForm(body);
        Assert.Equal(name, fields.Single(f => f.Key == "rule_name").Value);
        Assert.Equal("x=y&z", fields.Single(f => f.Key == "custom key&x").Value);
    }

    [Fact]
    public void Form_omits_null_values()
    {
        var body = WebhookPayload.Build(Work(Lead(), campaignId: null), WebhookBodyFormats.Form);
        var keys = ParseForm(body).Select(f => f.Key).ToList();

        Assert.DoesNotContain("email", keys);      // null lead field
        Assert.DoesNotContain("campaign_id", keys); // null envelope field
        Assert.DoesNotContain("=&", Encoding.UTF8.GetString(body.Bytes) + "&");
        Assert.Contains("first_name", keys);
    }

    [Fact]
    public void Form_without_a_lead_has_only_envelope_and_event_fields()
    {
        var keys = ParseForm(WebhookPayload.Build(Work(lead: null), WebhookBodyFormats.Form)).Select(f => f.Key).ToArray();

        Assert.Equal(
            ["event", "event_id", "delivery_id", "attempt", "rule_id", "rule_name", "account_id", "campaign_id", "lead_id", "occurred_at",
             "event_priority", "event_inserted_at", "event_expires_at"],
            keys);
    }

    [Fact]
    public void Form_writes_non_string_event_values_as_their_json_text()
    {
        var work = Work(lead: null, payload: """{"count":3,"ok":true,"nested":{"a":[1,2]}}""");
        var fields = ParseForm(WebhookPayload.Build(work, WebhookBodyFormats.Form));

        Assert.Equal("3", fields.Single(f => f.Key == "event_count").Value);
        Assert.Equal("true", fields.Single(f => f.Key == "event_ok").Value);
        Assert.Equal("""{"a":[1,2]}""", fields.Single(f => f.Key == "event_nested").Value);
    }

    [Fact]
    public void Any_format_other_than_form_builds_json()
    {
        var body = WebhookPayload.Build(Work(Lead()), "something-else");

        Assert.Equal("application/json; charset=utf-8", body.ContentType);
        Assert.Equal("HOPPER_EXPIRE", ParseJson(body).GetProperty("event").GetString());
    }
}
