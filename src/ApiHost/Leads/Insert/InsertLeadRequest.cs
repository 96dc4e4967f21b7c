using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Insert;

/// <summary>An insert request after validation, before its list is resolved to an account and campaign.</summary>
public sealed record InsertLeadRequest(
    long ListId,
    NormalizedPhone Phone,
    DedupOptions Dedup,
    HopperRequest? Hopper,
    LeadFields Fields,
    IReadOnlyList<string> Ignored);
