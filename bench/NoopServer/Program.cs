// Baseline for bench/insert-bench.sh: POST /noop reads the url-encoded form body (as the insert
// endpoint must) and answers a small Convoso-shaped JSON. Nothing else: no auth, no storage.
// Same host builder as Leadline's API host, console logging quiet. Bind with
// ASPNETCORE_URLS=http://127.0.0.1:PORT.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapPost("/noop", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    var phone = form["phone_number"].ToString();
    return Results.Json(new { success = true, data = new { lead_id = phone.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
});
app.MapGet("/health", () => Results.Text("ok"));
app.Run();
