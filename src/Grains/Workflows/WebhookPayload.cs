using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Leadline.Grains.Workflows;

/// <summary>
/// The body a webhook action sends. JSON nests the event's details under "data" and the lead under
/// "lead"; a form body is flat, Convoso style: the event's fields, its details prefixed "event_", then
/// the lead's fields under their insert-API names. Ids are strings, times ISO 8601 UTC.
/// </summary>
public static class WebhookPayload
{
    public sealed record Body(byte[] Bytes, string ContentType);

    public static Body Build(DeliveryWork work, string format) =>
        format == WebhookBodyFormats.Form ? Form(work) : Json(work);

    private static IEnumerable<KeyValuePair<string, string?>> Envelope(DeliveryWork work)
    {
        var e = work.Event;
        yield return new("event", e.Type);
        yield return new("event_id", Id(e.EventId));
        yield return new("delivery_id", Id(work.Claim.DeliveryId));
        yield return new("attempt", Id(work.Claim.Attempt));
        yield return new("rule_id", Id(work.RuleId));
        yield return new("rule_name", work.RuleName);
        yield return new("account_id", Id(e.AccountId));
        yield return new("campaign_id", e.CampaignId is { } c ? Id(c) : null);
        yield return new("lead_id", e.LeadId is { } l ? Id(l) : null);
        yield return new("occurred_at", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    private static Body Json(DeliveryWork work)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (name, value) in Envelope(work))
                json.WriteString(name, value);
            json.WritePropertyName("data");
            using (var payload = JsonDocument.Parse(work.Event.PayloadJson))
                payload.RootElement.WriteTo(json);
            if (work.Lead is { } lead)
            {
                json.WriteStartObject("lead");
                var names = new string[lead.Count];
                var i = 0;
                foreach (var name in lead.Keys)
                    names[i++] = name;
                Array.Sort(names, StringComparer.Ordinal);
                foreach (var name in names)
                    json.WriteString(name, lead[name]);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("lead");
            }
            json.WriteEndObject();
        }
        return new Body(stream.ToArray(), "application/json; charset=utf-8");
    }

    private static Body Form(DeliveryWork work)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Envelope(work))
            fields[name] = value;
        using (var payload = JsonDocument.Parse(work.Event.PayloadJson))
            foreach (var property in payload.RootElement.EnumerateObject())
                fields.TryAdd("event_" + property.Name, property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                });
        // The envelope's names win: a lead field never hides which event this is.
        foreach (var (name, value) in work.Lead ?? new Dictionary<string, string?>())
            fields.TryAdd(name, value);

        var text = string.Join("&", fields.Where(f => f.Value is not null)
            .Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value!)));
        return new Body(Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded");
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
