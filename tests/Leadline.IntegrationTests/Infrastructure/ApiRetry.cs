using System.Net;

namespace Leadline.IntegrationTests.Infrastructure;

public static class ApiRetry
{
    /// <summary>A vendor honouring Retry-After after an outage: the pools and reloading shards need a moment.</summary>
    public static async Task<ApiAnswer> WhileUnavailableAsync(Func<Task<ApiAnswer>> post)
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
