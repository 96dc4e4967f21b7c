namespace Leadline.Grains;

/// <summary>
/// PostgreSQL could not be reached. Grains throw this instead of Npgsql's exceptions, which Orleans
/// cannot carry back to the caller; the API host answers it with 503 and Retry-After.
/// </summary>
[GenerateSerializer, Alias("leadline.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() { }

    public StorageUnavailableException(string message) : base(message) { }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
