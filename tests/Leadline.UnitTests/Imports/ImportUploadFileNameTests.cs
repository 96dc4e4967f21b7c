using System.Text;
using Leadline.ApiHost.Leads.Import;
using Microsoft.AspNetCore.Http;

namespace Leadline.UnitTests.Imports;

/// <summary>The uploaded file's name, which tells the importers a workbook from a CSV (ApiRequest.UploadFileName).</summary>
public sealed class ImportUploadFileNameTests
{
    [Theory]
    [InlineData("form-data; name=\"file\"; filename=\"leads.xlsx\"", "leads.xlsx")]
    [InlineData("form-data; name=\"file\"; filename=vendor.csv", "vendor.csv")]
    [InlineData("form-data; name=\"file\"; filename=\"x.csv\"; filename*=UTF-8''l%C3%A9ads.xlsx", "léads.xlsx")]
    public async Task The_file_parts_name_is_kept(string disposition, string? fileName)
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"list_id\"\r\n\r\n7\r\n"
                   + $"--b\r\nContent-Disposition: {disposition}\r\nContent-Type: text/csv\r\n\r\nphone_number\n1\n\r\n--b--\r\n";

        var (upload, error) = await ImportUpload.OpenAsync(Request("multipart/form-data; boundary=b", body));

        Assert.Null(error);
        Assert.Equal(fileName, upload!.FileName);
        Assert.Equal("7", upload.Values["list_id"]);
    }

    [Fact]
    public async Task A_text_csv_body_has_no_name()
    {
        var (upload, error) = await ImportUpload.OpenAsync(Request("text/csv", "phone_number\n1\n"));

        Assert.Null(error);
        Assert.Null(upload!.FileName);
    }

    private static HttpRequest Request(string contentType, string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return http.Request;
    }
}
