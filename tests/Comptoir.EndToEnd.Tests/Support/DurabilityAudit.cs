using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Comptoir.FacturX.Reading;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// The state a run must leave after its kills: every acknowledged write is there, no key produced two resources,
/// invoice numbers are gapless and unique, and once the job queue drains every finalized invoice has its one
/// Factur-X file. Each check writes what it found into the <see cref="DurabilityReport"/>.
/// </summary>
public sealed class DurabilityAudit(HttpClient http, KillableServer server, DurabilityReport report)
{
    public static readonly TimeSpan JobDrainWait = TimeSpan.FromSeconds(60);

    public async Task RunAsync(IReadOnlyList<IdempotentWrite> writes)
    {
        foreach (var refused in writes.Where(w => w.FirstReply is { Succeeded: false }))
        {
            report.Add($"{refused}: refused during the load: {refused.FirstReply}");
        }

        await CheckAcknowledgedWritesAsync(writes);
        var clients = await ListAsync("clients", "clients");
        var invoices = await ListAsync("client_invoices", "client_invoices");
        CheckOneResourcePerKey(writes, WriteKind.Client, clients.Select(c => c.GetProperty("name").GetString()));
        CheckOneResourcePerKey(writes, WriteKind.Attachment, await ListUploadNamesAsync());
        CheckOneResourcePerKey(writes, WriteKind.Invoice, invoices.Select(i => i.GetProperty("purchase_order").GetString()));
        var finalized = invoices.Where(i => i.GetProperty("number").ValueKind == JsonValueKind.String).ToList();
        report.FinalizedInvoices = finalized.Count;
        CheckNumbering(writes, finalized);
        await CheckDocumentsAsync(finalized);
    }

    private async Task CheckAcknowledgedWritesAsync(IReadOnlyList<IdempotentWrite> writes)
    {
        foreach (var write in writes.Where(w => w.Acknowledged is not null))
        {
            var acknowledged = write.Acknowledged!;
            var (path, resource, field, expected) = write.Kind switch
            {
                WriteKind.Client => ($"clients/{acknowledged.ResourceId}", "client", "name", write.Marker),
                WriteKind.Attachment => ($"attachments/{acknowledged.ResourceId}", "attachment", "file_name", write.Marker),
                WriteKind.Invoice => ($"client_invoices/{acknowledged.ResourceId}", "client_invoice", "purchase_order", write.Marker),
                _ => ($"client_invoices/{write.Marker}", "client_invoice", "number", acknowledged.InvoiceNumber),
            };
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var found = response.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(body).RootElement.GetProperty(resource).GetProperty(field).GetString()
                : null;
            if (found is null || found != expected)
            {
                report.WritesLost++;
                report.Add($"{write}: acknowledged {acknowledged}, but GET {path} answers {(int)response.StatusCode} with {field} '{found}' (expected '{expected}'): an acknowledged write was lost");
            }
        }
    }

    /// <summary><paramref name="markers"/>: the marker field of every resource of the kind.</summary>
    private void CheckOneResourcePerKey(IReadOnlyList<IdempotentWrite> writes, WriteKind kind, IEnumerable<string?> markers)
    {
        var byMarker = markers.OfType<string>().GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        foreach (var write in writes.Where(w => w.Kind == kind))
        {
            var count = byMarker.GetValueOrDefault(write.Marker);
            if (count > 1)
            {
                report.Duplicates += count - 1;
                report.Add($"{write}: {count} {kind} resources carry its marker '{write.Marker}' (one key, several executions)");
            }
            else if (count == 0 && write.Acknowledged is not null)
            {
                report.Add($"{write}: acknowledged but absent from the list");
            }
        }
    }

    private void CheckNumbering(IReadOnlyList<IdempotentWrite> writes, IReadOnlyList<JsonElement> finalized)
    {
        var numbers = finalized.Select(i => i.GetProperty("number").GetString()!).ToList();
        foreach (var series in numbers.GroupBy(n => n[..n.LastIndexOf('-')]))
        {
            var sequence = series.Select(n => int.Parse(n[(n.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture)).Order().ToList();
            if (!sequence.SequenceEqual(Enumerable.Range(1, sequence.Count)))
            {
                report.Add($"series {series.Key}: numbers are not 1..{sequence.Count} without gaps or repeats: {string.Join(", ", sequence)}");
            }
        }

        // Only the load finalizes, so every number must come from one of its finalizations.
        var targeted = writes.Where(w => w.Kind == WriteKind.Finalize).Select(w => w.Marker).ToHashSet();
        foreach (var stray in finalized.Where(i => !targeted.Contains(i.GetProperty("id").GetString()!)))
        {
            report.Add($"invoice {stray.GetProperty("id").GetString()} has number {stray.GetProperty("number").GetString()} but no finalization was sent for it");
        }
    }

    private async Task CheckDocumentsAsync(IReadOnlyList<JsonElement> finalized)
    {
        var jobs = await WaitForJobsToDrainAsync();
        foreach (var failed in jobs.Where(j => j.GetProperty("status").GetString() == "failed"))
        {
            report.Add($"job {failed.GetProperty("id").GetString()} ({failed.GetProperty("kind").GetString()} {failed.GetProperty("subject_id").GetString()}) failed: {failed.GetProperty("last_error").GetString()}");
        }

        var renders = jobs.Where(j => j.GetProperty("kind").GetString() == "render_invoice").ToLookup(j => j.GetProperty("subject_id").GetString());
        foreach (var invoice in finalized)
        {
            var id = invoice.GetProperty("id").GetString()!;
            var number = invoice.GetProperty("number").GetString()!;
            // One render for the draft PDF at creation, one for the Factur-X file at finalization.
            if (renders[id].Count() != 2 || renders[id].Any(j => j.GetProperty("status").GetString() != "done"))
            {
                report.Add($"invoice {number} ({id}): render jobs {string.Join(", ", renders[id].Select(j => j.GetProperty("status").GetString()))}; expected two, done");
            }

            var current = JsonDocument.Parse(await http.GetStringAsync($"client_invoices/{id}")).RootElement.GetProperty("client_invoice");
            using var pdf = await http.GetAsync(current.GetProperty("invoice_url").GetString());
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            if (pdf.StatusCode != HttpStatusCode.OK)
            {
                report.Add($"invoice {number} ({id}): its invoice_url answers {(int)pdf.StatusCode}");
                continue;
            }

            var xml = PdfAttachments.List(bytes).Where(f => f.Name == "factur-x.xml").ToList();
            if (xml.Count != 1 || !Encoding.UTF8.GetString(xml[0].Content).Contains($">{number}<", StringComparison.Ordinal))
            {
                report.Add($"invoice {number} ({id}): its PDF holds {xml.Count} factur-x.xml file(s), expected one naming the invoice");
                continue;
            }

            report.FacturXFilesChecked++;
        }
    }

    private async Task<IReadOnlyList<JsonElement>> WaitForJobsToDrainAsync()
    {
        var deadline = DateTime.UtcNow + JobDrainWait;
        while (true)
        {
            var jobs = server.ListJobs();
            var busy = jobs.Count(j => j.GetProperty("status").GetString() is "queued" or "running");
            if (busy == 0)
            {
                return jobs;
            }

            if (DateTime.UtcNow >= deadline)
            {
                report.Add($"{busy} jobs still queued or running {JobDrainWait.TotalSeconds} s after the last restart");
                return jobs;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The API lists no attachments, so the uploads' names are read from the database.</summary>
    private async Task<IReadOnlyList<string>> ListUploadNamesAsync()
    {
        await using var database = Database.Open(server.Database, server.DataDirectory);
        return [.. await database.ReadAsync(c => c.QueryAsync<string>("SELECT file_name FROM attachments WHERE invoice_id IS NULL"))];
    }

    private async Task<IReadOnlyList<JsonElement>> ListAsync(string path, string property)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var root = JsonDocument.Parse(await http.GetStringAsync($"{path}?per_page=100&page={page}")).RootElement;
            all.AddRange(root.GetProperty(property).EnumerateArray().Select(e => e.Clone()));
            if (root.GetProperty("meta").GetProperty("next_page").ValueKind == JsonValueKind.Null)
            {
                return all;
            }
        }
    }
}
