using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// Every POST the durability load sent, with a fresh idempotency key each, and the one way they are sent (first
/// time or retry): same key, same body, and "no answer" when the connection died before a response came.
/// </summary>
public sealed class WriteLedger(string runTag, string iban)
{
    private readonly List<IdempotentWrite> _writes = [];
    private int _sequence;

    public IReadOnlyList<IdempotentWrite> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public IdempotentWrite NewClient()
    {
        var key = NextKey("c");
        var body = new JsonObject
        {
            ["name"] = "Durability " + key,
            ["kind"] = "company",
            ["email"] = "billing@example.com",
            ["currency"] = "EUR",
            ["locale"] = "fr",
            ["tax_identification_number"] = "123456789",
            ["billing_address"] = new JsonObject { ["street_address"] = "1 rue du Port", ["city"] = "Nantes", ["zip_code"] = "44000", ["country_code"] = "FR" },
        };
        return Add(new IdempotentWrite(WriteKind.Client, key, "clients", body.ToJsonString(), "Durability " + key));
    }

    /// <summary>A small text upload; the body is the file's content, the marker its name.</summary>
    public IdempotentWrite NewAttachment()
    {
        var key = NextKey("a");
        return Add(new IdempotentWrite(WriteKind.Attachment, key, "attachments", $"Purchase order scan for {key}\n", key + ".txt"));
    }

    public IdempotentWrite NewInvoice(string clientId)
    {
        var key = NextKey("i");
        var body = new JsonObject
        {
            ["client_id"] = clientId,
            ["issue_date"] = "2026-03-19",
            ["due_date"] = "2026-04-18",
            ["status"] = "draft",
            ["purchase_order"] = key,
            ["payment_methods"] = new JsonObject { ["iban"] = iban },
            ["items"] = new JsonArray(new JsonObject
            {
                ["title"] = "Maintenance",
                ["quantity"] = "3",
                ["unit"] = "hour",
                ["unit_price"] = new JsonObject { ["value"] = "95.00", ["currency"] = "EUR" },
                ["vat_rate"] = "0.20",
            }),
        };
        return Add(new IdempotentWrite(WriteKind.Invoice, key, "client_invoices", body.ToJsonString(), key));
    }

    public IdempotentWrite NewFinalize(string invoiceId) =>
        Add(new IdempotentWrite(WriteKind.Finalize, NextKey("f"), $"client_invoices/{invoiceId}/finalize", string.Empty, invoiceId));

    /// <summary>Sends the write with its key; null when no answer came (connection refused, reset or timed out).</summary>
    public static async Task<WriteReply?> SendAsync(HttpClient http, IdempotentWrite write)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, write.Path);
        request.Headers.TryAddWithoutValidation("X-Qonto-Idempotency-Key", write.Key);
        if (write.Kind == WriteKind.Attachment)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(write.Body));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            request.Content = new MultipartFormDataContent { { file, "file", write.Marker } };
        }
        else if (write.Body.Length > 0)
        {
            request.Content = new StringContent(write.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return new WriteReply((int)response.StatusCode, body, replayed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private string NextKey(string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"dur-{runTag}-{Interlocked.Increment(ref _sequence):D5}-{kind}");

    private IdempotentWrite Add(IdempotentWrite write)
    {
        lock (_writes)
        {
            _writes.Add(write);
        }

        return write;
    }
}
