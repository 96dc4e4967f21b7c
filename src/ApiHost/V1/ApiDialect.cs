using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.V1;

/// <summary>How an endpoint family answers refusals over HTTP.</summary>
public enum ApiDialect
{
    /// <summary>
    /// Convoso's endpoints and Leadline's admin endpoints in the same style: every refusal the request can be
    /// answered for is HTTP 200 with <c>success:false</c>, as Convoso answers, so vendor code that reads the body
    /// (and HTTP libraries that throw on 4xx) keep working.
    /// </summary>
    Convoso,

    /// <summary>
    /// Leadline's own families (hopper, workflows): refusals keep their REST status (400, 401, 404, 409 …), so a
    /// dialer's loop can tell "you asked wrongly" from "empty" by status alone.
    /// </summary>
    Rest,
}

public static class ApiDialects
{
    /// <summary>
    /// 413, 429 and 503 are transport conditions (the client must back off or shrink the request), and a
    /// 500 is a defect: those keep their status in every dialect.
    /// </summary>
    public static int StatusFor(ConvosoError error, ApiDialect dialect) =>
        dialect == ApiDialect.Convoso && !IsTransportCondition(error.HttpStatus) ? StatusCodes.Status200OK : error.HttpStatus;

    public static bool IsTransportCondition(int status) => status is 413 or 429 or >= 500;
}
