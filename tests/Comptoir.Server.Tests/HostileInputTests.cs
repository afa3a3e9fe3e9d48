using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Comptoir.Server.Organizations;
using Comptoir.Server.Tests.Support;
using Xunit.Abstractions;

namespace Comptoir.Server.Tests;

/// <summary>
/// Every operation of the OpenAPI document against hostile input (<see cref="HostileRequests"/>), on the real server
/// of each engine: never a 5xx, every refusal in the error envelope (JSON, errors with a detail, the trace id of the
/// header), and the database unchanged by the refused requests (sent a second time between two checksums of every
/// table). Only what Kestrel refuses before any middleware (a
/// %00 in the path) answers without a body: see KestrelRejectionTests.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Parallelism = 4;

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task No_operation_answers_hostile_input_with_a_5xx_or_without_the_envelope(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RequestsPer10Seconds = int.MaxValue, RequestsPer10Minutes = int.MaxValue });
        var ids = await SeedAsync(server);
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("v2/openapi.json")).RootElement.Clone();
        var requests = HostileRequests.For(document, ids);

        // Round one: every request, checked. Some hostile writes are accepted (an unknown or ignored field in a PATCH is
        // a valid empty change) and may touch updated_at; they are listed, not failed.
        var clock = Stopwatch.StartNew();
        var round = await SendAllAsync(server, requests);
        clock.Stop();
        output.WriteLine($"{engine}: {requests.Count} hostile requests over {requests.Select(r => r.Operation).Distinct().Count()} operations in {clock.Elapsed.TotalSeconds:0.0} s; {round.Refused.Count} refused, {round.ServerErrors} 5xx.");
        foreach (var accepted in round.AcceptedWrites)
        {
            output.WriteLine($"accepted write: {accepted}");
        }

        // Round two: the refused requests again, between two checksums of every table: a refusal changes nothing.
        await Seeds.WaitForJobsAsync(server.Database);
        var before = await DatabaseChecksum.OfAsync(server.Database);
        var again = await SendAllAsync(server, round.Refused);
        await Seeds.WaitForJobsAsync(server.Database);
        var after = await DatabaseChecksum.OfAsync(server.Database);

        Assert.True(requests.Count > 1000, $"only {requests.Count} requests were built");
        Assert.True(round.Failures.Count == 0, $"{round.Failures.Count} of {requests.Count}:\n" + string.Join('\n', round.Failures.Take(40)));
        Assert.Equal((0, 0), (round.ServerErrors, again.ServerErrors));
        Assert.Equal(round.Refused.Count, again.Refused.Count);
        Assert.Equal(before, after);
    }

    private sealed record Round(List<HostileRequest> Refused, List<HostileRequest> AcceptedWrites, List<string> Failures)
    {
        public int ServerErrors { get; set; }
    }

    private static async Task<Round> SendAllAsync(RunningServer server, IReadOnlyList<HostileRequest> requests)
    {
        var round = new Round([], [], []);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (hostile, _) =>
        {
            using var request = hostile.Build();
            using var response = await server.Client.SendAsync(request);
            var problem = await CheckAsync(hostile, response);
            var status = (int)response.StatusCode;
            lock (round)
            {
                round.ServerErrors += status >= 500 ? 1 : 0;
                (status >= 400 ? round.Refused : hostile.Writes ? round.AcceptedWrites : []).Add(hostile);
                if (problem is not null)
                {
                    round.Failures.Add($"{hostile}: {problem}");
                }
            }
        });
        return round;
    }

    /// <summary>Why the response is wrong, or null when it is right.</summary>
    private static async Task<string?> CheckAsync(HostileRequest hostile, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status}: {text[..Math.Min(text.Length, 300)]}";
        }

        if (status < 400)
        {
            return null;
        }

        if (hostile.KestrelRefuses && status == 400 && text.Length == 0)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return $"{status} without JSON ({response.Content.Headers.ContentType}): {text[..Math.Min(text.Length, 200)]}";
        }

        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            var trace = response.Headers.TryGetValues("X-Comptoir-Trace-Id", out var values) ? values.Single() : null;
            var error = body.GetProperty("errors")[0];
            if (trace is null || trace != body.GetProperty("trace_id").GetString() || string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()))
            {
                return $"{status} envelope without a matching trace id or a detail: {text[..Math.Min(text.Length, 200)]}";
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return $"{status} is not the envelope ({e.Message}): {text[..Math.Min(text.Length, 200)]}";
        }

        return null;
    }

    /// <summary>A client, an invoice and an attachment in this organization, and the same in another one.</summary>
    private static async Task<KnownIds> SeedAsync(RunningServer server)
    {
        var other = await DemoOrganization.CreateAsync(server.Organizations, "hostile-other", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        return new KnownIds(await ResourcesAsync(server.Client, server.Demo.Account.Iban), await ResourcesAsync(otherClient, other.Account.Iban));
    }

    private static async Task<IReadOnlyDictionary<string, string>> ResourcesAsync(HttpClient client, string iban)
    {
        var clientId = await Seeds.CreateClientAsync(client);
        var invoice = await Seeds.CreateInvoiceAsync(client, Seeds.DraftBody(clientId, iban));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.7 receipt"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "receipt.pdf");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "v2/attachments") { Content = form };
        upload.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        var attachment = await ApiAssert.Json(await client.SendAsync(upload), HttpStatusCode.Created);
        return new Dictionary<string, string>
        {
            ["/v2/clients/"] = clientId,
            ["/v2/client_invoices/"] = invoice.GetProperty("id").GetString()!,
            ["/v2/attachments/"] = attachment.GetProperty("attachment").GetProperty("id").GetString()!,
        };
    }
}
