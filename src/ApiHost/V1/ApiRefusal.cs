using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.V1;

/// <summary>
/// Thrown by <see cref="ApiRequest"/>'s typed readers (and by handlers) to refuse the request; the pipeline
/// answers it like a returned refusal. Thrown before anything changes, so it never leaves half a change.
/// </summary>
public sealed class ApiRefusal(ConvosoError error) : Exception(error.Text)
{
    public ConvosoError Error { get; } = error;
}
