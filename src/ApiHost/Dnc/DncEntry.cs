using System.Text.Json;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi;

/// <summary>One row of the dnc table as the API shows it.</summary>
public sealed record DncEntry(
    long Id, long CampaignId, int PhoneCode, string PhoneNumber, string PhoneE164,
    string? Reason, string? Purpose, DateTimeOffset InsertDate, DateTimeOffset ModifiedAt)
{
    /// <summary>What Convoso's DNC search calls the account-wide list in <c>campaign_name</c>.</summary>
    public const string GlobalCampaignName = "Global DNC";

    public DncEntryKey Key => new(Id, PhoneE164, CampaignId);

    /// <summary>The campaign's name, when the query read it (search); null for a global entry.</summary>
    public string? CampaignName { get; init; }

    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "dnc_id, campaign_id, phone_code, phone_number, phone_e164, reason, purpose, created_at, modified_at";

    public static DncEntry Read(Npgsql.NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8));

    /// <summary><see cref="Columns"/> and then the campaign's name (a search page row).</summary>
    public static DncEntry ReadWithCampaignName(Npgsql.NpgsqlDataReader r) =>
        Read(r) with { CampaignName = r.IsDBNull(9) ? null : r.GetString(9) };

    /// <summary>
    /// Convoso's DNC entry fields first, every value a string as Convoso sends them (a reason or purpose never
    /// given is <c>""</c>), then Leadline's: the E.164 number and the last change. Times are ISO 8601 UTC.
    /// </summary>
    public void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("id", ApiResponses.Id(Id));
        json.WriteString("phone_number", PhoneNumber);
        json.WriteString("campaign_id", ApiResponses.Id(CampaignId));
        json.WriteString("insert_date", ApiResponses.Time(InsertDate));
        json.WriteString("phone_code", ApiResponses.Id(PhoneCode));
        json.WriteString("purpose", Purpose ?? "");
        json.WriteString("reason", Reason ?? "");
        json.WriteString("phone_e164", PhoneE164);
        json.WriteString("modified_at", ApiResponses.Time(ModifiedAt));
    }

    /// <summary>A search entry: <see cref="WriteFields"/> and <c>campaign_name</c> ("Global DNC" for the account-wide list).</summary>
    public void WriteSearchFields(Utf8JsonWriter json)
    {
        WriteFields(json);
        json.WriteString("campaign_name", CampaignId == 0 ? GlobalCampaignName : CampaignName ?? "");
    }
}
