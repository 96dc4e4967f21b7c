using System.Text.Json;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi;

/// <summary>One row of the dnc table as the API shows it.</summary>
public sealed record DncEntry(
    long Id, long CampaignId, int PhoneCode, string PhoneNumber, string PhoneE164,
    string? Reason, string? Purpose, DateTimeOffset InsertDate, DateTimeOffset ModifiedAt)
{
    public DncEntryKey Key => new(Id, PhoneE164, CampaignId);

    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "dnc_id, campaign_id, phone_code, phone_number, phone_e164, reason, purpose, created_at, modified_at";

    public static DncEntry Read(Npgsql.NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8));

    public void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("id", ApiResponses.Id(Id));
        json.WriteString("campaign_id", ApiResponses.Id(CampaignId));
        json.WriteString("phone_number", PhoneNumber);
        json.WriteString("phone_code", ApiResponses.Id(PhoneCode));
        json.WriteString("phone_e164", PhoneE164);
        json.WriteString("reason", Reason);
        json.WriteString("purpose", Purpose);
        json.WriteString("insert_date", ApiResponses.Time(InsertDate));
        json.WriteString("modified_at", ApiResponses.Time(ModifiedAt));
    }
}
