using System.Text.Json;
using Leadline.ApiHost.DncApi;

namespace Leadline.UnitTests.Dnc;

public class DncEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 10, 30, 0, TimeSpan.Zero);

    private static JsonElement SearchFields(DncEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            entry.WriteSearchFields(json);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void A_search_entry_has_convosos_fields_all_strings()
    {
        var fields = SearchFields(new DncEntry(5083, 0, 1, "5551234567", "+15551234567", null, null, At, At));

        foreach (var name in new[] { "id", "phone_number", "campaign_id", "insert_date", "phone_code", "campaign_name", "purpose", "reason" })
            Assert.Equal(JsonValueKind.String, fields.GetProperty(name).ValueKind);
        Assert.All(fields.EnumerateObject(), f => Assert.Equal(JsonValueKind.String, f.Value.ValueKind));
        Assert.Equal(("5083", "5551234567", "0", "1"), (fields.GetProperty("id").GetString(), fields.GetProperty("phone_number").GetString(),
            fields.GetProperty("campaign_id").GetString(), fields.GetProperty("phone_code").GetString()));
        Assert.Equal("2026-03-03T10:30:00.000Z", fields.GetProperty("insert_date").GetString());
    }

    [Fact]
    public void An_absent_reason_or_purpose_is_an_empty_string_as_convoso_sends_it()
    {
        var fields = SearchFields(new DncEntry(1, 0, 1, "5551234567", "+15551234567", null, null, At, At));

        Assert.Equal(("", ""), (fields.GetProperty("reason").GetString(), fields.GetProperty("purpose").GetString()));
    }

    [Fact]
    public void The_global_list_is_named_global_dnc_and_a_campaign_by_its_name()
    {
        var global = SearchFields(new DncEntry(1, 0, 1, "5551234567", "+15551234567", "DNC", "TELEMKT", At, At));
        var campaign = SearchFields(new DncEntry(2, 12, 1, "5551234567", "+15551234567", "DNC", "TELEMKT", At, At) { CampaignName = "Sales" });

        Assert.Equal("Global DNC", global.GetProperty("campaign_name").GetString());
        Assert.Equal("Sales", campaign.GetProperty("campaign_name").GetString());
    }
}
