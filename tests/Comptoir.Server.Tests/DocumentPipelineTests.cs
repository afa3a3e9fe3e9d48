using System.Net;
using Comptoir.FacturX.Reading;
using Comptoir.Server.Jobs;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>The document pipeline driven by hand: crashes, duplicate runs, delays.</summary>
public class DocumentPipelineTests
{
    private static Task<RunningServer> StartWithoutWorkersAsync(string engine, TimeSpan? delay = null) =>
        RunningServer.StartAsync(engine, o => o with { RunWorkers = false, DocumentDelay = delay ?? TimeSpan.Zero });

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_crashed_worker_loses_no_job_and_a_duplicate_run_makes_no_second_pdf(string engine)
    {
        await using var server = await StartWithoutWorkersAsync(engine);
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var worker = server.App.Services.GetRequiredService<JobRunner>();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var invoice = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var id = invoice.GetProperty("id").GetString()!;

        // Worker A claims the job and "crashes" (never completes it).
        var claimed = await queue.ClaimAsync("worker-a", TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.NotNull(claimed);
        Assert.Null(await queue.ClaimAsync("worker-b", TimeSpan.FromMinutes(2), CancellationToken.None));

        // After the lease, worker B takes it over and finishes it.
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        var reclaimed = await queue.ClaimAsync("worker-b", TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal(claimed.Id, reclaimed?.Id);
        await worker.RunAsync(reclaimed!, CancellationToken.None);
        // Worker A wakes up and runs its stale copy too: still one document.
        await worker.RunAsync(claimed, CancellationToken.None);

        var count = await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE invoice_id = @id", new { id }));
        Assert.Equal(1, count);
        var attachment = await Seeds.WaitForDocumentAsync(server.Client, id, final: true);
        var pdf = await new HttpClient().GetByteArrayAsync(attachment.GetProperty("url").GetString());
        Assert.NotNull(PdfAttachments.FindInvoiceXml(pdf));
        Assert.Null(await queue.ClaimAsync("worker-c", TimeSpan.FromMinutes(2), CancellationToken.None));
    }

    [Fact]
    public async Task The_document_delay_holds_the_factur_x_file_back()
    {
        await using var server = await StartWithoutWorkersAsync("sqlite", TimeSpan.FromSeconds(10));
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));

        Assert.Null(await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None));
        server.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_draft_render_never_overwrites_the_factur_x_file()
    {
        await using var server = await StartWithoutWorkersAsync("sqlite");
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var worker = server.App.Services.GetRequiredService<JobRunner>();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var draft = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        var id = draft.GetProperty("id").GetString()!;
        var draftJob = await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None);
        await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.OK);
        var finalJob = await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None);

        await worker.RunAsync(finalJob!, CancellationToken.None);
        await worker.RunAsync(draftJob!, CancellationToken.None); // finished late: must not replace the Factur-X file

        var attachment = await Seeds.WaitForDocumentAsync(server.Client, id, final: true);
        var pdf = await new HttpClient().GetByteArrayAsync(attachment.GetProperty("url").GetString());
        Assert.NotNull(PdfAttachments.FindInvoiceXml(pdf));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Finalizing_a_rendered_draft_withdraws_its_preview_until_the_factur_x_file_is_ready(string engine)
    {
        await using var server = await StartWithoutWorkersAsync(engine, TimeSpan.FromSeconds(10));
        var queue = server.App.Services.GetRequiredService<JobQueue>();
        var worker = server.App.Services.GetRequiredService<JobRunner>();
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var draft = await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban));
        var id = draft.GetProperty("id").GetString()!;
        await worker.RunAsync((await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None))!, CancellationToken.None);
        var preview = await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices/{id}"), HttpStatusCode.OK);
        var previewId = preview.GetProperty("client_invoice").GetProperty("attachment_id").GetString();
        Assert.NotNull(previewId);

        // A client polling for attachment_id after finalize must never be handed the draft preview.
        var finalized = await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, finalized.GetProperty("client_invoice").GetProperty("attachment_id").ValueKind);
        var read = await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices/{id}"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("client_invoice").GetProperty("attachment_id").ValueKind);

        server.Clock.Advance(TimeSpan.FromSeconds(10));
        await worker.RunAsync((await queue.ClaimAsync("w", TimeSpan.FromMinutes(2), CancellationToken.None))!, CancellationToken.None);
        var attachment = await Seeds.WaitForDocumentAsync(server.Client, id, final: true);
        Assert.Equal(previewId, attachment.GetProperty("id").GetString()); // replaced in place: one attachment per invoice
        var pdf = await new HttpClient().GetByteArrayAsync(attachment.GetProperty("url").GetString());
        Assert.NotNull(PdfAttachments.FindInvoiceXml(pdf));
    }
}
