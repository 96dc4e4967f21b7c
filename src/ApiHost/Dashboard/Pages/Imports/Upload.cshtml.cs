using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Imports.Jobs;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Leadline.ApiHost.Dashboard.Pages.Imports;

/// <summary>
/// Lists → Upload leads: choose a list and a file; the file streams to the import folder (never into memory) and
/// the operator continues on the job's page (mapping, preview, start). The page's script sends the form with
/// XMLHttpRequest for its progress bar and the antiforgery token in a header; without the script the form posts
/// as it is, its token in the first part. Either way the token is checked before the file is read, so the form
/// is not read by the framework (which would buffer the file) — hence <see cref="IgnoreAntiforgeryTokenAttribute"/>.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UploadModel(AccountQueries account, ImportJobs jobs, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
    : PageModel
{
    public const string ListIdField = "list_id";
    public const string FileField = "file";
    private const int MaxFieldChars = 4096;

    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    public long? ListId { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(long? listId)
    {
        Lists = await account.ListNamesAsync(User.AccountId());
        ListId = listId;
    }

    /// <summary>No parameters: binding one would make the framework read (and buffer) the whole form first.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        // The whole body: the file (at most 500 MB, counted as it is copied) and the form's few small fields.
        FlatParameters.LimitBody(HttpContext, ImportSettings.MaxFileBytes + 64 * 1024);
        try
        {
            return await ReceiveAsync(ct);
        }
        catch (Exception ex) when (ex is FileTooLargeException
            || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return await FailAsync(StatusCodes.Status413PayloadTooLarge, new FileTooLargeException().Message);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return await FailAsync(StatusCodes.Status400BadRequest, "The upload could not be read: " + ex.Message);
        }
    }

    private async Task<IActionResult> ReceiveAsync(CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return await FailAsync(StatusCodes.Status400BadRequest, "Send the form as multipart/form-data.");

        var reader = new MultipartReader(boundary, Request.Body) { BodyLengthLimit = null }; // the file's limit is counted as it is copied
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                return await FailAsync(StatusCodes.Status400BadRequest, "A part of the form has no Content-Disposition.");
            if (!disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                using var text = new StreamReader(section.Body);
                var buffer = new char[MaxFieldChars + 1];
                var length = await text.ReadBlockAsync(buffer, ct);
                if (length > MaxFieldChars)
                    return await FailAsync(StatusCodes.Status400BadRequest, $"The form field {name} is too long.");
                fields[name] = new string(buffer, 0, length);
                continue;
            }

            // The token: the script's header, or the form's first field; checked before a byte of the file is read.
            // (Without either, the check would read the rest of the body as a form: it is refused first.)
            var options = antiforgeryOptions.Value;
            if (options.HeaderName is not { } header)
                throw new InvalidOperationException("The antiforgery header name is not set.");
            if (!Request.Headers.ContainsKey(header) && fields.TryGetValue(options.FormFieldName, out var token))
                Request.Headers[header] = token;
            if (!Request.Headers.ContainsKey(header) || !await antiforgery.IsRequestValidAsync(HttpContext))
                return await FailAsync(StatusCodes.Status400BadRequest, "The form has expired: reload the page and upload again.");
            if (!long.TryParse(fields.GetValueOrDefault(ListIdField), out var listId))
                return await FailAsync(StatusCodes.Status400BadRequest, "Choose a list first (the list comes before the file in the form).");
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;

            var (jobId, error) = await jobs.CreateAsync(User.AccountId(), listId, User.UserId(), fileName, section.Body, ct);
            if (error is not null)
                return await FailAsync(StatusCodes.Status400BadRequest, error, listId);
            var url = $"/imports/{jobId}";
            return WantsJson ? new JsonResult(new { job_id = jobId, url }) : Redirect(url);
        }
        return await FailAsync(StatusCodes.Status400BadRequest, "Choose a file to upload.");
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> FailAsync(int status, string error, long? listId = null)
    {
        Response.StatusCode = status;
        if (WantsJson)
            return new JsonResult(new { error }) { StatusCode = status };
        Error = error;
        await OnGetAsync(listId);
        return Page();
    }
}
