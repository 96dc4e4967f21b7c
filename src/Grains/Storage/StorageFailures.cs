using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>Which database errors mean "try again later" and which mean "this row is wrong".</summary>
public static class StorageFailures
{
    /// <summary>Outages: the database or the connection, not the data. Answered with 503 and Retry-After.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        StorageUnavailableException or CommitOutcomeUnknownException or TimeoutException or ObjectDisposedException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true, // no server answer at all: socket, timeout, pool
        _ => false,
    };

    /// <summary>A value or constraint the database refused (SQLSTATE classes 22 and 23): only that row is bad.</summary>
    public static bool IsDataError(Exception ex) =>
        ex is PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal));
}

/// <summary>
/// The connection broke around COMMIT and the database could not be asked afterwards whether the batch
/// is in: the shard must forget what it believes and reload from the tables.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The write's commit outcome is unknown", inner);

/// <summary>A write waited longer than its caller will wait for the answer, so it was never started.</summary>
public sealed class WriteExpiredException() : TimeoutException("The write waited too long and was not started");
