using Leadline.Grains;
using Leadline.Grains.Storage;
using Npgsql;

namespace Leadline.UnitTests.Storage;

/// <summary>Outages answer 503 and are retried by vendors; refused data is never "try again".</summary>
public class StorageFailuresTests
{
    [Theory]
    [InlineData("08006")] // connection failure
    [InlineData("57P01")] // admin shutdown
    [InlineData("53300")] // too many connections
    [InlineData("40001")] // serialization failure
    public void Server_outage_codes_are_transient_not_data_errors(string sqlState)
    {
        var ex = new PostgresException("outage", "FATAL", "FATAL", sqlState);

        Assert.True(StorageFailures.IsTransient(ex));
        Assert.False(StorageFailures.IsDataError(ex));
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("22001")] // string too long
    [InlineData("22P02")] // invalid text representation
    public void Refused_values_are_data_errors_not_transient(string sqlState)
    {
        var ex = new PostgresException("bad row", "ERROR", "ERROR", sqlState);

        Assert.True(StorageFailures.IsDataError(ex));
        Assert.False(StorageFailures.IsTransient(ex));
    }

    [Fact]
    public void Connection_level_and_our_own_outage_exceptions_are_transient()
    {
        Assert.True(StorageFailures.IsTransient(new NpgsqlException("socket closed")));
        Assert.True(StorageFailures.IsTransient(new TimeoutException()));
        Assert.True(StorageFailures.IsTransient(new WriteExpiredException()));
        Assert.True(StorageFailures.IsTransient(new StorageUnavailableException("down")));
        Assert.True(StorageFailures.IsTransient(new CommitOutcomeUnknownException(new IOException())));
    }

    [Fact]
    public void A_defect_is_neither()
    {
        var bug = new InvalidOperationException("Lead 5 to update was not found.");

        Assert.False(StorageFailures.IsTransient(bug));
        Assert.False(StorageFailures.IsDataError(bug));
    }
}
