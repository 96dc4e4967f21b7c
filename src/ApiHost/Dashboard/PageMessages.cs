namespace Leadline.ApiHost.Dashboard;

/// <summary>The outcome of a form post that Shared/_Messages shows: a refusal with its reason, or what was done.</summary>
public sealed record PageMessages(string? Error, string? Notice);
