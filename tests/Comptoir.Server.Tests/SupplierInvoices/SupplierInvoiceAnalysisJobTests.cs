using System.Net;
using Comptoir.Server.Jobs;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>The analysis job: enqueued with the upload, it moves updated_at, and a second run (a lease that ran out) changes nothing.</summary>
public sealed class SupplierInvoiceAnalysisJobTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_upload_enqueues_one_job_whose_runs_analyse_the_invoice_once(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var body = await ApiAssert.Json(await PostAsync(server.Client, Item(Ubl("FA-9"), "k-9", "fa-9.xml")), HttpStatusCode.OK);
        var id = body.GetProperty("supplier_invoices")[0].GetProperty("id").GetString()!;
        var job = await server.Database.ReadAsync(c => c.QuerySingleAsync<JobRow>("SELECT id, kind, subject_id, attempts FROM jobs WHERE subject_id = @id", new { id }));
        Assert.Equal(SupplierInvoiceAnalysisJob.Kind, job.Kind);

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var handler = server.App.Services.GetServices<IJobHandler>().Single(h => h.Kind == SupplierInvoiceAnalysisJob.Kind);
        await handler.HandleAsync(job, CancellationToken.None);
        var analysed = await server.Database.ReadAsync(c => c.QuerySingleAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE id = @id", new { id }));
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        await handler.HandleAsync(job, CancellationToken.None);
        var again = await server.Database.ReadAsync(c => c.QuerySingleAsync<SupplierInvoiceRow>("SELECT * FROM supplier_invoices WHERE id = @id", new { id }));

        Assert.Equal("FA-9", analysed.InvoiceNumber);
        Assert.Equal("2026-03-19T20:35:00.000Z", analysed.AnalyzedAt);
        Assert.Equal("2026-03-19T20:35:00.000Z", analysed.UpdatedAt);
        Assert.NotEqual(analysed.CreatedAt, analysed.UpdatedAt);
        Assert.Equal(analysed.UpdatedAt, again.UpdatedAt);
        Assert.Equal(analysed.AnalyzedAt, again.AnalyzedAt);
        Assert.Equal("done", await server.Database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT status FROM jobs WHERE id = @id", new { id = job.Id })));
    }
}
