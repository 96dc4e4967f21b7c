namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// Settings of /v1/leads/search (configuration section <c>Leadline:Search</c>). Up to
/// <see cref="ExactCountLimit"/> matches the total is counted exactly (an index-only scan of that many
/// entries, about 10 ms at 50,000 on the bench machine); past it, it is PostgreSQL's estimate. A search
/// still running after <see cref="TimeoutSeconds"/> is cancelled in PostgreSQL and answered with 6060: a
/// rare value of an unindexed field over a very large account must not hold a connection for minutes.
/// </summary>
public sealed record LeadSearchOptions(
    int ExactCountLimit = LeadSearchOptions.DefaultExactCountLimit,
    int TimeoutSeconds = LeadSearchOptions.DefaultTimeoutSeconds)
{
    public const int DefaultExactCountLimit = 50_000;
    public const int DefaultTimeoutSeconds = 10;

    public static LeadSearchOptions From(IConfiguration configuration) =>
        new(configuration.GetValue("Leadline:Search:ExactCountLimit", DefaultExactCountLimit),
            configuration.GetValue("Leadline:Search:TimeoutSeconds", DefaultTimeoutSeconds));
}
