using System.Net;
using System.Net.Http.Headers;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class AttachmentsTests
{
    private static HttpRequestMessage Upload(byte[] content, string fileName, string? key = "auto", string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, field, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("X-Qonto-Idempotency-Key", key == "auto" ? Guid.NewGuid().ToString() : key);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Upload_get_and_download_with_a_signed_url(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var bytes = System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 receipt");

        var created = await ApiAssert.Json(await server.Client.SendAsync(Upload(bytes, "../../etc/Reçu mars.pdf")), HttpStatusCode.Created);
        var id = created.GetProperty("attachment").GetProperty("id").GetString();
        var attachment = (await ApiAssert.Json(await server.Client.GetAsync($"v2/attachments/{id}"), HttpStatusCode.OK)).GetProperty("attachment");

        Assert.Equal("Reçu-mars.pdf", attachment.GetProperty("file_name").GetString());
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), attachment.GetProperty("file_size").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("file_content_type").GetString());
        using var anonymous = new HttpClient();
        var url = attachment.GetProperty("url").GetString()!;
        Assert.Equal(bytes, await anonymous.GetByteArrayAsync(url));

        // Tampering with the id, the expiry or the signature fails; so does waiting 31 minutes.
        var other = await ApiAssert.Json(await server.Client.SendAsync(Upload(bytes, "b.pdf")), HttpStatusCode.Created);
        var otherId = other.GetProperty("attachment").GetProperty("id").GetString()!;
        await ApiAssert.Error(await anonymous.GetAsync(url.Replace(id!, otherId, StringComparison.Ordinal)), HttpStatusCode.Forbidden, "invalid_signature");
        var expires = System.Text.RegularExpressions.Regex.Match(url, "expires=([0-9]+)").Groups[1].Value;
        await ApiAssert.Error(await anonymous.GetAsync(url.Replace("expires=" + expires, "expires=" + (long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 3600), StringComparison.Ordinal)), HttpStatusCode.Forbidden);
        await ApiAssert.Error(await anonymous.GetAsync(url[..^4] + "beef"), HttpStatusCode.Forbidden);
        await ApiAssert.Error(await anonymous.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]), HttpStatusCode.Forbidden);
        server.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await ApiAssert.Error(await anonymous.GetAsync(url), HttpStatusCode.Forbidden);
        Assert.Contains("expired", expired.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_need_an_idempotency_key_a_file_and_at_most_10_MB()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        await ApiAssert.Error(await server.Client.SendAsync(Upload([1, 2, 3], "a.pdf", key: null)), HttpStatusCode.BadRequest, "idempotency_key_required");
        await ApiAssert.Error(await server.Client.SendAsync(Upload([1, 2, 3], "a.pdf", field: "document")), HttpStatusCode.UnprocessableEntity, "required", "/file");
        await ApiAssert.Error(await server.Client.SendAsync(Upload([], "a.pdf")), HttpStatusCode.UnprocessableEntity);
        await ApiAssert.Error(await server.Client.SendAsync(Upload(new byte[(10 * 1024 * 1024) + 1], "big.pdf")), HttpStatusCode.RequestEntityTooLarge);
        await ApiAssert.Error(await server.Client.SendAsync(Upload(new byte[12 * 1024 * 1024], "huge.pdf")), HttpStatusCode.RequestEntityTooLarge);
        var json = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = Body.Json("{}") };
        json.Headers.Add("X-Qonto-Idempotency-Key", "k1");
        await ApiAssert.Error(await server.Client.SendAsync(json), HttpStatusCode.BadRequest, "invalid_content_type");
    }

    [Fact]
    public async Task Another_organizations_attachment_is_a_404()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        var created = await ApiAssert.Json(await otherClient.SendAsync(Upload([1, 2, 3], "x.pdf")), HttpStatusCode.Created);

        await ApiAssert.Error(await server.Client.GetAsync($"v2/attachments/{created.GetProperty("attachment").GetProperty("id").GetString()}"), HttpStatusCode.NotFound);
    }
}
