using System.Net;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>Database outages for tests: a request made while PostgreSQL refuses connections, and a vendor's retries after.</summary>
public static class Outage
{
    public static async Task<ApiAnswer> DuringAsync(TestDatabase database, Func<Task<ApiAnswer>> post)
    {
        await database.BlockConnectionsAsync();
        try
        {
            return await post();
        }
        finally
        {
            await database.AllowConnectionsAsync();
        }
    }

    /// <summary>A vendor honouring Retry-After: the pools need a moment to reconnect.</summary>
    public static async Task<ApiAnswer> RetryWhileUnavailableAsync(Func<Task<ApiAnswer>> post)
    {
        for (var attempt = 0; ; attempt++)
        {
            var answer = await post();
            if (answer.Status != HttpStatusCode.ServiceUnavailable || attempt == 20)
                return answer;
            await Task.Delay(500);
        }
    }
}
