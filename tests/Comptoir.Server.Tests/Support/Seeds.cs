using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Comptoir.Server.Tests.Support;

/// <summary>The seed's requests, as helpers.</summary>
public static class Seeds
{
    public const string AcmeClient = """
        {"name": "Acme Corp", "kind": "company", "email": "contact@acmecorp.com", "currency": "EUR", "locale": "en",
         "tax_identification_number": "123456789",
         "billing_address": {"street_address": "1 Market Street", "city": "Paris", "zip_code": "75001", "country_code": "FR"}}
        """;

    public static async Task<string> CreateClientAsync(HttpClient client)
    {
        var created = await ApiAssert.Json(await client.Post("v2/clients", AcmeClient), HttpStatusCode.Created);
        return created.GetProperty("client").GetProperty("id").GetString()!;
    }

    /// <summary>Seed 000 step 3's body exactly (no currency: the seed does not send one).</summary>
    public static JsonObject DraftBody(string clientId, string iban, string status = "draft") => new()
    {
        ["client_id"] = clientId,
        ["issue_date"] = "2026-03-19",
        ["due_date"] = "2026-04-18",
        ["status"] = status,
        ["payment_methods"] = new JsonObject { ["iban"] = iban },
        ["items"] = new JsonArray(new JsonObject
        {
            ["title"] = "Consulting Services — March 2026",
            ["quantity"] = "10",
            ["unit"] = "hour",
            ["unit_price"] = new JsonObject { ["value"] = "150.00", ["currency"] = "EUR" },
            ["vat_rate"] = "0.20",
        }),
    };

    public static async Task<JsonElement> CreateInvoiceAsync(HttpClient client, JsonObject body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var created = await ApiAssert.Json(await client.Post("v2/client_invoices", body), expected);
        return created.GetProperty("client_invoice");
    }

    /// <summary>Polls as the seed does until attachment_id is set and the attachment is newer than finalized_at.</summary>
    public static async Task<JsonElement> WaitForDocumentAsync(HttpClient client, string invoiceId, bool final, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var invoice = (await ApiAssert.Json(await client.GetAsync($"v2/client_invoices/{invoiceId}"), HttpStatusCode.OK)).GetProperty("client_invoice");
            if (invoice.GetProperty("attachment_id").GetString() is { } attachmentId)
            {
                var attachment = (await ApiAssert.Json(await client.GetAsync($"v2/attachments/{attachmentId}"), HttpStatusCode.OK)).GetProperty("attachment");
                var finalizedAt = invoice.GetProperty("finalized_at").GetString();
                if (!final || (finalizedAt is not null && string.CompareOrdinal(attachment.GetProperty("updated_at").GetString(), finalizedAt) > 0))
                {
                    return attachment;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No document for invoice {invoiceId}.");
    }

    /// <summary>Waits until the worker has no queued or running job left.</summary>
    public static async Task WaitForJobsAsync(Comptoir.Server.Storage.Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The worker still has jobs after 30 s.");
            }

            await Task.Delay(50);
        }
    }
}
