using System.Data.Common;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Clients;
using Comptoir.Server.CreditNotes;
using Comptoir.Server.Organizations;
using Comptoir.Server.Jobs;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Client invoices and their lifecycle. Every state change runs in one transaction with what it implies: the
/// number from the organization's sequence, the frozen snapshots, and the document job.
/// </summary>
[PublicSurface]
public sealed class ClientInvoiceStore(Database database, JobQueue jobs, TimeProvider clock, ServerOptions options, CreditNoteIssuer creditNotes)
{
    private const string Columns = "id, organization_id, client_id, status, number, body, rendered, total_amount_cents, vat_amount_cents, issue_date, due_date, attachment_id, created_at, updated_at, finalized_at, paid_at, canceled_at";
    private const string Values = "@Id, @OrganizationId, @ClientId, @Status, @Number, @Body, @Rendered, @TotalAmountCents, @VatAmountCents, @IssueDate, @DueDate, @AttachmentId, @CreatedAt, @UpdatedAt, @FinalizedAt, @PaidAt, @CanceledAt";
    private const string InsertSql = $"INSERT INTO client_invoices ({Columns}) VALUES ({Values})";

    public Task<ClientInvoiceRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    /// <summary>An invoice by id alone, for the public invoice link.</summary>
    public Task<ClientInvoiceRow?> FindAnyAsync(string id, CancellationToken cancellationToken = default) =>
        Guid.TryParse(id, out _)
            ? database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id", new { id }), cancellationToken)
            : Task.FromResult<ClientInvoiceRow?>(null);

    /// <summary>
    /// Creates a draft, or an invoice finalized at once when <paramref name="status"/> is unpaid.
    /// <paramref name="client"/> is the invoice's client as read with the organization, null when client_id is not a
    /// client of the organization. A draft is written with its document job in one command: one round trip on
    /// PostgreSQL, where the create is the API's most frequent write.
    /// </summary>
    public async Task<ClientInvoiceRow> CreateAsync(ClientInvoiceRow row, ClientInvoiceContent content, string status, OrganizationRow organization, ClientRow? client, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        if (client is null || client.Id != row.ClientId || client.OrganizationId != organization.Id)
        {
            throw ClientNotFound();
        }

        var now = clock.GetUtcNow();
        row.Id = Guid.CreateVersion7().ToString();
        row.OrganizationId = organization.Id;
        row.Status = ClientInvoiceStatus.Draft;
        row.CreatedAt = row.UpdatedAt = Timestamps.ToText(now);
        content.ClientSnapshot = Snapshots.Of(client);
        content.OrganizationSnapshot = Snapshots.Of(organization);
        (row.TotalAmountCents, row.VatAmountCents) = ClientInvoiceMath.Apply(content);
        row.StoreContent(content);
        row.Rendered = ClientInvoiceRendering.Render(row, content, organization, client);
        try
        {
            if (status == ClientInvoiceStatus.Unpaid)
            {
                PreCheck(row, organization, client, now);
                await database.WriteAsync(async (c, t) =>
                {
                    await c.ExecuteAsync(InsertSql, row, t).ConfigureAwait(false);
                    await FinalizeInTransactionAsync(c, t, row, organization, client, now).ConfigureAwait(false);
                    await ClientInvoiceEvents.RecordAsync(c, t, row, WebhookEventNames.Created).ConfigureAwait(false);
                    await alsoInTransaction.RunAsync(c, t, row).ConfigureAwait(false);
                    return row;
                }, cancellationToken).ConfigureAwait(false);
            }
            else if (alsoInTransaction is not null)
            {
                await database.WriteAsync(async (c, t) =>
                {
                    await c.ExecuteAsync(InsertSql, row, t).ConfigureAwait(false);
                    await jobs.EnqueueAsync(c, t, ClientInvoiceDocumentJob.Kind, row.Id, now).ConfigureAwait(false);
                    await ClientInvoiceEvents.RecordAsync(c, t, row, WebhookEventNames.Created).ConfigureAwait(false);
                    await alsoInTransaction(c, t, row).ConfigureAwait(false);
                    return row;
                }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await database.ExecuteAtomicallyAsync([(InsertSql, row), jobs.Enqueuing(ClientInvoiceDocumentJob.Kind, row.Id, now), ClientInvoiceEvents.Recording(row, WebhookEventNames.Created)], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbException e) when (Database.IsForeignKeyViolation(e))
        {
            // The client was deleted between the read and the write.
            throw ClientNotFound();
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            throw NumberTaken();
        }

        jobs.Signal();
        return row;
    }

    /// <summary>Updates a draft (409 when it is not one).</summary>
    public async Task<ClientInvoiceRow> UpdateDraftAsync(string organizationId, string id, Action<ClientInvoiceRow, ClientInvoiceContent> apply, OrganizationRow organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var updated = await WriteAsync(async (c, t) =>
        {
            var row = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            RequireStatus(row, ClientInvoiceStatus.Draft, "update");
            var content = row.ReadContent();
            apply(row, content);
            var client = await RequireClientAsync(c, t, row, organizationId).ConfigureAwait(false);
            content.ClientSnapshot = Snapshots.Of(client);
            content.OrganizationSnapshot = Snapshots.Of(organization);
            (row.TotalAmountCents, row.VatAmountCents) = ClientInvoiceMath.Apply(content);
            row.StoreContent(content);
            var now = clock.GetUtcNow();
            row.UpdatedAt = Timestamps.ToText(now);
            row.Rendered = ClientInvoiceRendering.Render(row, content, organization, client);
            await c.ExecuteAsync(
                "UPDATE client_invoices SET client_id = @ClientId, number = @Number, body = @Body, rendered = @Rendered, total_amount_cents = @TotalAmountCents, vat_amount_cents = @VatAmountCents, issue_date = @IssueDate, due_date = @DueDate, updated_at = @UpdatedAt WHERE id = @Id",
                row, t).ConfigureAwait(false);
            await jobs.EnqueueAsync(c, t, ClientInvoiceDocumentJob.Kind, row.Id, now).ConfigureAwait(false);
            await ClientInvoiceEvents.RecordAsync(c, t, row, WebhookEventNames.Updated).ConfigureAwait(false);
            return row;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return updated;
    }

    /// <summary>Deletes a draft (409 when it is not one, false when not found).</summary>
    public Task<bool> DeleteDraftAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            RequireStatus(row, ClientInvoiceStatus.Draft, "delete");
            await c.ExecuteAsync("DELETE FROM attachments WHERE invoice_id = @id", new { id }, t).ConfigureAwait(false);
            await c.ExecuteAsync("DELETE FROM client_invoices WHERE id = @id", new { id }, t).ConfigureAwait(false);
            row.UpdatedAt = Timestamps.ToText(clock.GetUtcNow());
            await ClientInvoiceEvents.RecordAsync(c, t, row, WebhookEventNames.Deleted).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>draft -> unpaid: number, frozen snapshots, finalized_at, and the Factur-X job, in one transaction.</summary>
    public async Task<ClientInvoiceRow> FinalizeAsync(string organizationId, string id, OrganizationRow organization, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        // The check of the invoice as read now, before the writer: the write checks again only what changed since.
        if (await FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is { Status: ClientInvoiceStatus.Draft } draft
            && await database.ReadAsync(c => ClientStore.FindAsync(c, null, organizationId, draft.ClientId), cancellationToken).ConfigureAwait(false) is { } client)
        {
            PreCheck(draft, organization, client, clock.GetUtcNow());
        }

        var row = await WriteAsync(async (c, t) =>
        {
            var invoice = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            RequireStatus(invoice, ClientInvoiceStatus.Draft, "finalize");
            var client = await RequireClientAsync(c, t, invoice, organizationId).ConfigureAwait(false);
            await FinalizeInTransactionAsync(c, t, invoice, organization, client, clock.GetUtcNow()).ConfigureAwait(false);
            await ClientInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, invoice).ConfigureAwait(false);
            return invoice;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return row;
    }

    /// <summary>unpaid -> paid, on the given date or now (409 from any other state).</summary>
    public Task<ClientInvoiceRow> MarkPaidAsync(string organizationId, string id, DateTimeOffset? paidAt, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, ClientInvoiceStatus.Unpaid, "mark as paid", (invoice, now) =>
        {
            invoice.Status = ClientInvoiceStatus.Paid;
            invoice.PaidAt = Timestamps.ToText(paidAt ?? now);
        }, alsoInTransaction, cancellationToken);

    /// <summary>paid -> unpaid (409 from any other state).</summary>
    public Task<ClientInvoiceRow> UnmarkPaidAsync(string organizationId, string id, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(organizationId, id, ClientInvoiceStatus.Paid, "unmark as paid", (invoice, _) =>
        {
            invoice.Status = ClientInvoiceStatus.Unpaid;
            invoice.PaidAt = null;
        }, alsoInTransaction, cancellationToken);

    /// <summary>
    /// unpaid -> canceled (409 from any other state). French law does not let a finalized invoice vanish: the
    /// cancellation issues the credit note of whatever remains to be credited, in the same transaction, and the
    /// credit note's issuing cancels the invoice.
    /// </summary>
    public async Task<ClientInvoiceRow> CancelAsync(string organizationId, string id, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        var canceled = await WriteAsync(async (c, t) =>
        {
            var invoice = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            RequireStatus(invoice, ClientInvoiceStatus.Unpaid, "cancel");
            var now = clock.GetUtcNow();
            if (CreditNoteLines.NothingRemains(invoice.ReadContent(), await CreditNoteStore.CreditedLinesAsync(c, t, invoice.Id).ConfigureAwait(false)))
            {
                invoice.Status = ClientInvoiceStatus.Canceled;
                invoice.CanceledAt = Timestamps.ToText(now);
                await SaveStatusAsync(c, t, invoice, Timestamps.ToText(now)).ConfigureAwait(false);
                await ClientInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
            }
            else
            {
                await creditNotes.IssueAsync(c, t, invoice, CreditNoteRequest.Full(invoice.Id, CancellationReason(invoice)), now).ConfigureAwait(false);
            }

            await alsoInTransaction.RunAsync(c, t, invoice).ConfigureAwait(false);
            return invoice;
        }, cancellationToken).ConfigureAwait(false);
        jobs.Signal();
        return canceled;
    }

    /// <summary>
    /// Records a credit note just issued for <paramref name="invoice"/> (locked by the caller): its id in
    /// credit_notes_ids, the cancellation of an unpaid invoice credited in full, and the invoice's webhook event.
    /// </summary>
    public static Task RecordCreditNoteAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, string creditNoteId, bool cancel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var content = invoice.ReadContent();
        content.CreditNoteIds = [.. content.CreditNoteIds ?? [], creditNoteId];
        invoice.StoreContent(content);
        if (cancel)
        {
            invoice.Status = ClientInvoiceStatus.Canceled;
            invoice.CanceledAt = Timestamps.ToText(now);
        }

        return RecordCreditNoteAsync(c, t, invoice, Timestamps.ToText(now));
    }

    /// <summary>The invoice of a credit note, read with its row lock in the caller's transaction (404 when not the organization's).</summary>
    public static async Task<ClientInvoiceRow> LockForCreditAsync(Database database, DbConnection c, DbTransaction t, string organizationId, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false)
            ?? throw ApiException.Invalid("/invoice_id", "not_found", "invoice_id is not an invoice of this organization.");
    }

    private static async Task RecordCreditNoteAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, string now)
    {
        invoice.UpdatedAt = now;
        invoice.Rendered = ClientInvoiceRendering.Render(invoice);
        await c.ExecuteAsync("UPDATE client_invoices SET status = @Status, canceled_at = @CanceledAt, body = @Body, updated_at = @UpdatedAt, rendered = @Rendered WHERE id = @Id", invoice, t).ConfigureAwait(false);
        await ClientInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
    }

    private static string CancellationReason(ClientInvoiceRow invoice) => $"Annulation de la facture {invoice.Number}";

    /// <summary>
    /// unpaid -> paid by money that arrived, inside the caller's transaction: the unpaid invoice of the organization
    /// with exactly <paramref name="amountCents"/> whose number the payer's <paramref name="reference"/> quotes (the
    /// longest such number wins), or null when none does.
    /// </summary>
    public static async Task<ClientInvoiceRow?> MarkPaidByIncomingPaymentAsync(Database database, DbConnection c, DbTransaction t, string organizationId, long amountCents, string reference, string now)
    {
        var candidates = await c.QueryAsync<ClientInvoiceRow>(
            "SELECT * FROM client_invoices WHERE organization_id = @organizationId AND status = @unpaid AND total_amount_cents = @amountCents AND number IS NOT NULL" + database.ForUpdate,
            new { organizationId, unpaid = ClientInvoiceStatus.Unpaid, amountCents }, t).ConfigureAwait(false);
        var invoice = candidates.Where(i => reference.Contains(i.Number!, StringComparison.OrdinalIgnoreCase)).OrderByDescending(i => i.Number!.Length).FirstOrDefault();
        if (invoice is null)
        {
            return null;
        }

        invoice.Status = ClientInvoiceStatus.Paid;
        invoice.PaidAt = now;
        await SaveStatusAsync(c, t, invoice, now).ConfigureAwait(false);
        await ClientInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
        return invoice;
    }

    private Task<ClientInvoiceRow> TransitionAsync(string organizationId, string id, string from, string action, Action<ClientInvoiceRow, DateTimeOffset> apply, AlsoInTransaction<ClientInvoiceRow>? alsoInTransaction, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var invoice = await LockAsync(c, t, organizationId, id).ConfigureAwait(false);
            RequireStatus(invoice, from, action);
            var now = clock.GetUtcNow();
            apply(invoice, now);
            await SaveStatusAsync(c, t, invoice, Timestamps.ToText(now)).ConfigureAwait(false);
            await ClientInvoiceEvents.RecordAsync(c, t, invoice, WebhookEventNames.Updated).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, invoice).ConfigureAwait(false);
            return invoice;
        }, cancellationToken);

    /// <summary>The one write of a payment-state change (status, paid_at, canceled_at) and its rendering.</summary>
    private static Task SaveStatusAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, string now)
    {
        invoice.UpdatedAt = now;
        invoice.Rendered = ClientInvoiceRendering.Render(invoice);
        return c.ExecuteAsync("UPDATE client_invoices SET status = @Status, paid_at = @PaidAt, canceled_at = @CanceledAt, updated_at = @UpdatedAt, rendered = @Rendered WHERE id = @Id", invoice, t);
    }

    /// <summary>A page of invoices and the count of all that match; a <paramref name="knownTotal"/> spares the count.</summary>
    public async Task<(IReadOnlyList<ClientInvoiceRow> Page, long Total)> ListAsync(string organizationId, ClientInvoiceQuery query, int offset, int limit, long? knownTotal = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter("organization_id = @organizationId", new { organizationId })
            .In("status", query.Statuses)
            .Compare("created_at", ">=", query.CreatedFrom)
            .Compare("created_at", "<=", query.CreatedTo)
            .Compare("updated_at", ">=", query.UpdatedFrom)
            .Compare("updated_at", "<=", query.UpdatedTo)
            .Compare("due_date", "=", query.DueDate)
            .Compare("due_date", ">=", query.DueFrom)
            .Compare("due_date", "<=", query.DueTo);
        var (where, parameters) = (filter.Where, filter.Parameters);
        var column = query.SortField == "updated_at" ? "updated_at" : "created_at";
        var direction = query.Descending ? "DESC" : "ASC";
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        return await database.ReadAsync(async c =>
        {
            var total = knownTotal ?? await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM client_invoices WHERE {where}", parameters).ConfigureAwait(false);
            // Page through ids first (the index holds them), then read only that page's renderings: a deep OFFSET
            // never drags thousands of large rows through the engine.
            var rows = await c.QueryAsync<ClientInvoiceRow>(
                $"SELECT i.id, i.rendered FROM client_invoices i JOIN (SELECT id FROM client_invoices WHERE {where} ORDER BY {column} {direction}, id {direction} LIMIT @limit OFFSET @offset) p ON p.id = i.id ORDER BY i.{column} {direction}, i.id {direction}",
                parameters).ConfigureAwait(false);
            return ((IReadOnlyList<ClientInvoiceRow>)rows.ToList(), total);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Attaches a rendered document to its invoice, inside the document job's transaction, if the invoice still says
    /// what was rendered (same body, and a draft only if it was rendered as one): a newer state has its own job queued,
    /// and a late draft render must never replace the Factur-X file. The document replaces the invoice's previous one
    /// in place. Returns whether it was attached.
    /// </summary>
    public async Task<bool> AttachDocumentAsync(DbConnection connection, DbTransaction transaction, ClientInvoiceRow rendered, string fileName, byte[] pdf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var current = await connection.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id" + database.ForUpdate, new { id = rendered.Id }, transaction).ConfigureAwait(false);
        if (current is null || current.Body != rendered.Body || (current.Status == ClientInvoiceStatus.Draft) != (rendered.Status == ClientInvoiceStatus.Draft))
        {
            return false;
        }

        // The document must read as newer than the finalization, even within the same millisecond.
        var stamp = Timestamps.ToText(now);
        if (current.FinalizedAt is { } finalized && string.CompareOrdinal(stamp, finalized) <= 0)
        {
            stamp = Timestamps.ToText(Timestamps.Parse(finalized).AddMilliseconds(1));
        }

        var attachmentId = await Attachments.AttachmentStore.UpsertInvoiceDocumentAsync(connection, transaction, current.OrganizationId, current.Id, fileName, pdf, stamp).ConfigureAwait(false);
        if (current.AttachmentId != attachmentId)
        {
            current.AttachmentId = attachmentId;
            current.Rendered = ClientInvoiceRendering.Render(current);
            await connection.ExecuteAsync("UPDATE client_invoices SET attachment_id = @attachmentId, rendered = @rendered WHERE id = @id",
                new { attachmentId, rendered = current.Rendered, id = current.Id }, transaction).ConfigureAwait(false);
        }

        // A finalized invoice's Factur-X file is ready (draft previews are not events).
        if (current.Status != ClientInvoiceStatus.Draft)
        {
            await ClientInvoiceEvents.RecordAsync(connection, transaction, current, WebhookEventNames.Updated, stamp).ConfigureAwait(false);
        }

        return true;
    }

    private async Task FinalizeInTransactionAsync(DbConnection c, DbTransaction t, ClientInvoiceRow invoice, OrganizationRow organization, ClientRow client, DateTimeOffset now)
    {
        ClientInvoiceReadiness.CheckClient(organization, client);
        if (invoice.Number is null)
        {
            if (!organization.AutomaticNumbering)
            {
                throw ApiException.Invalid("/number", "required", "number is required: automatic numbering is off for this organization.");
            }

            invoice.Number = await ClientInvoiceNumbering.NextAsync(c, t, organization, DateOnly.ParseExact(invoice.IssueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        MarkFinalized(invoice, organization, client, now);
        // Refused here, in the transaction that took the number, rolls the number back with it: no gap.
        ClientInvoiceReadiness.CheckConformance(invoice);
        await c.ExecuteAsync("UPDATE client_invoices SET status = @Status, number = @Number, body = @Body, rendered = @Rendered, attachment_id = @AttachmentId, finalized_at = @FinalizedAt, updated_at = @UpdatedAt WHERE id = @Id", invoice, t).ConfigureAwait(false);
        // The finished file is held back by the configured delay, as the public API's ~10 s.
        await jobs.EnqueueAsync(c, t, ClientInvoiceDocumentJob.Kind, invoice.Id, now + options.DocumentDelay).ConfigureAwait(false);
    }

    /// <summary>
    /// The invoice as finalizing makes it: snapshots of its parties, unpaid, rendered, and without a document until its
    /// Factur-X file is attached: clients poll attachment_id after finalizing and must never be handed the draft preview.
    /// </summary>
    private static void MarkFinalized(ClientInvoiceRow invoice, OrganizationRow organization, ClientRow client, DateTimeOffset now)
    {
        var content = invoice.ReadContent();
        content.ClientSnapshot = Snapshots.Of(client);
        content.OrganizationSnapshot = Snapshots.Of(organization);
        invoice.StoreContent(content);
        invoice.Status = ClientInvoiceStatus.Unpaid;
        invoice.AttachmentId = null;
        invoice.FinalizedAt = invoice.UpdatedAt = Timestamps.ToText(now);
        invoice.Rendered = ClientInvoiceRendering.Render(invoice, content, organization, client);
    }

    /// <summary>Checks before the write what finalizing will check in it (see <see cref="ClientInvoiceReadiness.PreCheckConformance"/>).</summary>
    private static void PreCheck(ClientInvoiceRow invoice, OrganizationRow organization, ClientRow client, DateTimeOffset now)
    {
        ClientInvoiceReadiness.CheckClient(organization, client);
        ClientInvoiceReadiness.PreCheckConformance(invoice, organization, client, copy => MarkFinalized(copy, organization, client, now));
    }

    private async Task<ClientInvoiceRow> LockAsync(DbConnection c, DbTransaction t, string organizationId, string id) =>
        await c.QuerySingleOrDefaultAsync<ClientInvoiceRow>("SELECT * FROM client_invoices WHERE id = @id AND organization_id = @organizationId" + database.ForUpdate, new { id, organizationId }, t).ConfigureAwait(false)
        ?? throw ApiException.NotFound("Client invoice");

    private static async Task<ClientRow> RequireClientAsync(DbConnection c, DbTransaction t, ClientInvoiceRow row, string organizationId) =>
        await ClientStore.FindAsync(c, t, organizationId, row.ClientId).ConfigureAwait(false) ?? throw ClientNotFound();

    private static ApiException ClientNotFound() =>
        ApiException.Invalid("/client_id", "not_found", "client_id is not a client of this organization.");

    private static ApiException NumberTaken() =>
        ApiException.Invalid("/number", "taken", "number is already used by another invoice of this organization.");

    private static void RequireStatus(ClientInvoiceRow invoice, string expected, string action)
    {
        if (invoice.Status != expected)
        {
            throw ApiException.Conflict("invalid_status", $"Cannot {action} an invoice whose status is {invoice.Status} (must be {expected}).");
        }
    }

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            throw NumberTaken();
        }
    }
}
