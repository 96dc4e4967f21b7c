using System.Net;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Insert;

/// <summary>
/// While PostgreSQL refuses connections an insert answers 503 with Retry-After and leaves nothing
/// behind — not in the table and not in the shard's memory, so the same lead goes in afterwards.
/// </summary>
public sealed class DatabaseOutageTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Insert_during_an_outage_answers_503_writes_nothing_and_succeeds_after()
    {
        var account = await leadline.CreateAccountAsync();
        // Warm the phone's own shard (and the token and list caches), so the outage hits the write
        // itself: the lead is reserved in the shard's memory, its write fails, and it must be forgotten.
        var phone = TestPhones.Next();
        var sameShard = TestPhones.InSameShardAs(phone);
        var warmup = await account.InsertAsync(("phone_number", sameShard.Raw));
        Assert.True(warmup.Success, warmup.Json.ToString());

        ApiAnswer during;
        await leadline.Database.BlockConnectionsAsync();
        try
        {
            during = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"));
        }
        finally
        {
            await leadline.Database.AllowConnectionsAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal(5030, during.Code);
        Assert.False(during.Success);
        Assert.Equal(0, await account.CountLeadsAsync(phone.E164));

        var after = await ApiRetry.WhileUnavailableAsync(() => account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1")));
        Assert.True(after.Success, after.Json.ToString());
        Assert.Equal(1, await account.CountLeadsAsync(phone.E164));
    }
}
