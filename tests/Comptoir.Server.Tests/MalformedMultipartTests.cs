using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Comptoir.Server.Attachments;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>One server for the malformed uploads: each case is one request, refused in the envelope, never a 500.</summary>
public sealed class MalformedMultipartServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync("sqlite");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class MalformedMultipartTests(MalformedMultipartServer fixture) : IClassFixture<MalformedMultipartServer>
{
    private const string Boundary = "comptoir-boundary";

    private static string Part(string disposition, string content, string contentType = "application/pdf") =>
        $"--{Boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {contentType}\r\n\r\n{content}\r\n";

    private static string FilePart(string fileName = "a.pdf", string content = "%PDF-1.7") => Part($"form-data; name=\"file\"; filename=\"{fileName}\"", content);

    private static string Closing => $"--{Boundary}--\r\n";

    private Task<HttpResponseMessage> SendAsync(string body, string contentType = "multipart/form-data; boundary=" + Boundary) =>
        SendAsync(Encoding.UTF8.GetBytes(body), contentType);

    private Task<HttpResponseMessage> SendAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = content };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        return fixture.Server.Client.SendAsync(request);
    }

    public static TheoryData<string, string, string> RefusedBodies => new()
    {
        // name, content type, body
        { "a boundary longer than 70 characters", "multipart/form-data; boundary=" + new string('b', 71), FilePart() + Closing },
        { "a boundary the body does not use", "multipart/form-data; boundary=other", FilePart() + Closing },
        { "a body cut before the closing boundary", "multipart/form-data; boundary=" + Boundary, FilePart()[..^10] },
        { "a body cut in a part's headers", "multipart/form-data; boundary=" + Boundary, $"--{Boundary}\r\nContent-Disposition: form-data; na" },
        { "2,000 parts", "multipart/form-data; boundary=" + Boundary, string.Concat(Enumerable.Repeat(Part("form-data; name=\"note\"", "x", "text/plain"), 2000)) + FilePart() + Closing },
        { "2,000 file parts", "multipart/form-data; boundary=" + Boundary, string.Concat(Enumerable.Repeat(FilePart(), 2000)) + Closing },
        { "a part header of 20 KB", "multipart/form-data; boundary=" + Boundary, FilePart(new string('n', 20 * 1024) + ".pdf") + Closing },
        { "a line feed inside a file name", "multipart/form-data; boundary=" + Boundary, FilePart("a\r\nb.pdf") + Closing },
        { "a part header line without a colon", "multipart/form-data; boundary=" + Boundary, $"--{Boundary}\r\nnot a header\r\n\r\nx\r\n" + Closing },
        { "binary garbage", "multipart/form-data; boundary=" + Boundary, "\0\u0001\u0002\u00ff garbage" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task A_malformed_multipart_body_is_a_400_that_says_why(string name, string contentType, string body)
    {
        var response = await SendAsync(body, contentType);

        var error = await ApiAssert.Error(response, HttpStatusCode.BadRequest, "invalid_multipart");
        Assert.Contains("multipart/form-data body could not be read", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/mixed; boundary=" + Boundary)]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("multipart/form-data; boundary=\"unterminated")]
    [InlineData("\u0001garbage/\u0002")]
    public async Task Another_content_type_is_a_400(string contentType)
    {
        var response = await SendAsync(FilePart() + Closing, contentType);

        await ApiAssert.Error(response, HttpStatusCode.BadRequest, "invalid_content_type");
    }

    [Fact]
    public async Task No_content_type_at_all_is_a_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(FilePart() + Closing)) };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());

        await ApiAssert.Error(await fixture.Server.Client.SendAsync(request), HttpStatusCode.BadRequest, "invalid_content_type");
    }

    [Theory]
    [InlineData("a NUL in the file name", "form-data; name=\"file\"; filename=\"re\0cu.pdf\"", "re-cu.pdf")]
    [InlineData("an encoded line feed in the file name", "form-data; name=\"file\"; filename*=UTF-8''re%0D%0Acu.pdf", "re--cu.pdf")]
    [InlineData("an encoded NUL in the file name", "form-data; name=\"file\"; filename*=UTF-8''re%00cu.pdf", "re-cu.pdf")]
    [InlineData("a path in the file name", "form-data; name=\"file\"; filename=\"../../etc/passwd\"", "passwd")]
    public async Task A_hostile_file_name_is_stored_clean(string name, string disposition, string stored)
    {
        var response = await SendAsync(Part(disposition, "%PDF-1.7") + Closing);

        var created = await ApiAssert.Json(response, HttpStatusCode.Created);
        Assert.True(stored == created.GetProperty("attachment").GetProperty("file_name").GetString(), name);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", "text/plain; charset=utf-8")]
    [InlineData("not a media type", "application/octet-stream")]
    [InlineData("text/plain\u0001", "application/octet-stream")]
    [InlineData("image/\u00e9t\u00e9", "application/octet-stream")]
    public async Task The_part_content_type_is_kept_only_when_it_is_a_valid_header(string sent, string stored)
    {
        var body = Encoding.UTF8.GetBytes(Part("form-data; name=\"file\"; filename=\"a.txt\"", "hello", sent) + Closing);

        var created = await ApiAssert.Json(await SendAsync(body, "multipart/form-data; boundary=" + Boundary), HttpStatusCode.Created);
        var attachment = created.GetProperty("attachment");
        Assert.Equal(stored, attachment.GetProperty("file_content_type").GetString());

        // The download sends it back as its Content-Type: it must still be a valid header.
        using var anonymous = new HttpClient();
        var download = await anonymous.GetAsync(attachment.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("hello", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_part_limits_sit_where_the_reader_says()
    {
        var fields = string.Concat(Enumerable.Repeat(Part("form-data; name=\"note\"", "x", "text/plain"), MultipartUpload.MaxParts - 1));
        await ApiAssert.Json(await SendAsync(fields + FilePart() + Closing), HttpStatusCode.Created);

        await ApiAssert.Error(await SendAsync(fields + Part("form-data; name=\"note\"", "x", "text/plain") + FilePart() + Closing), HttpStatusCode.BadRequest, "invalid_multipart");
    }

    [Fact]
    public async Task A_file_over_10_MB_is_still_a_413_naming_the_file()
    {
        var file = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { file, "file", "big.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());

        await ApiAssert.Error(await fixture.Server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "file_too_large", "/file");
    }
}
