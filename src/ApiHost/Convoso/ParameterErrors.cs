namespace Leadline.ApiHost.Convoso;

/// <summary>
/// How an API family reports a missing or wrong parameter. Convoso's own endpoints answer HTTP 200
/// with code 6050 (vendor code expects that); our own APIs (hopper, workflows) answer 400, so a loop
/// can tell "you asked wrongly" from "nothing there" by status alone.
/// </summary>
public sealed record ParameterErrors(int HttpStatus)
{
    public static readonly ParameterErrors Convoso = new(StatusCodes.Status200OK);
    public static readonly ParameterErrors BadRequest = new(StatusCodes.Status400BadRequest);

    public ConvosoError Required(string name) => new(HttpStatus, 6050, $"{name} is required");
    public ConvosoError Invalid(string name, string why) => new(HttpStatus, 6050, $"Invalid value for {name}: {why}");
}
