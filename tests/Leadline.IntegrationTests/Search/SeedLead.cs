namespace Leadline.IntegrationTests.Search;

/// <summary>One lead of a <see cref="SearchDataSet"/>, as written to the leads table.</summary>
public sealed record SeedLead(
    long LeadId, long ListId, long CampaignId, string E164, string Status, string? OwnerId,
    string FirstName, string LastName, string? Email, string? AltPhone1, string City, string State,
    string PostalCode, string Country, string? Source, long CreatedBy,
    DateTime CreatedAt, DateTime ModifiedAt, bool Deleted)
{
    public string National => E164[2..];
}
