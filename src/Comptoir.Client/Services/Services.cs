using System.Globalization;
using System.Net.Http.Json;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>GET /v2/organization and the bank accounts.</summary>
public sealed class OrganizationService
{
    private readonly ApiRequester _api;

    internal OrganizationService(ApiRequester api) => _api = api;

    /// <summary>The organization with its bank accounts.</summary>
    public async Task<Organization> GetAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, "organization", ComptoirJsonContext.Default.OrganizationEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Organization;

    /// <summary>Every bank account of the organization, page by page.</summary>
    public IAsyncEnumerable<BankAccount> ListBankAccountsAsync(CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var result = await _api.SendAsync(HttpMethod.Get, $"bank_accounts?page={page}&per_page=100", ComptoirJsonContext.Default.BankAccountsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.BankAccounts, result.Meta);
        }, cancellationToken);
}

/// <summary>/v2/clients.</summary>
public sealed class ClientsService
{
    private readonly ApiRequester _api;

    internal ClientsService(ApiRequester api) => _api = api;

    /// <summary>Every client, optionally filtered by exact e-mail or partial name, page by page.</summary>
    public IAsyncEnumerable<Models.Client> ListAsync(string? email = null, string? name = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("filter[email]", email), ("filter[name]", name), ("page", page.ToString(CultureInfo.InvariantCulture)), ("per_page", "100"));
            var result = await _api.SendAsync(HttpMethod.Get, $"clients?{query}", ComptoirJsonContext.Default.ClientsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Clients, result.Meta);
        }, cancellationToken);

    /// <summary>Creates a client (the idempotency key is generated when not given).</summary>
    public async Task<Models.Client> CreateAsync(NewClient client, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "clients", ComptoirJsonContext.Default.ClientEnvelope, JsonContent.Create(client, ComptoirJsonContext.Default.NewClient), idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Client;

    /// <summary>Step 1 of the public API's Factur-X guide: the first client with this e-mail, or a new one.</summary>
    public async Task<(Models.Client Client, bool Created)> FindOrCreateAsync(NewClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Email is not null)
        {
            await foreach (var existing in ListAsync(email: client.Email, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return (existing, false);
            }
        }

        return (await CreateAsync(client, cancellationToken: cancellationToken).ConfigureAwait(false), true);
    }
}

/// <summary>/v2/client_invoices, with the documented wait for the Factur-X file.</summary>
public sealed class ClientInvoicesService
{
    private readonly ApiRequester _api;
    private readonly AttachmentsService _attachments;

    internal ClientInvoicesService(ApiRequester api, AttachmentsService attachments)
    {
        _api = api;
        _attachments = attachments;
    }

    /// <summary>Creates an invoice (draft by default; the idempotency key is generated when not given).</summary>
    public async Task<ClientInvoice> CreateAsync(NewClientInvoice invoice, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "client_invoices", ComptoirJsonContext.Default.ClientInvoiceEnvelope, JsonContent.Create(invoice, ComptoirJsonContext.Default.NewClientInvoice), idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false)).ClientInvoice;

    /// <summary>One invoice by id.</summary>
    public async Task<ClientInvoice> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"client_invoices/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.ClientInvoiceEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).ClientInvoice;

    /// <summary>Finalizes a draft: it gets its number and its Factur-X file is rendered.</summary>
    public async Task<ClientInvoice> FinalizeAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, $"client_invoices/{Uri.EscapeDataString(id)}/finalize", ComptoirJsonContext.Default.ClientInvoiceEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).ClientInvoice;

    /// <summary>Marks an unpaid invoice as paid.</summary>
    public async Task<ClientInvoice> MarkAsPaidAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, $"client_invoices/{Uri.EscapeDataString(id)}/mark_as_paid", ComptoirJsonContext.Default.ClientInvoiceEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).ClientInvoice;

    /// <summary>Every invoice, newest first, optionally only those in the given statuses (draft, unpaid, paid, canceled).</summary>
    public IAsyncEnumerable<ClientInvoice> ListAsync(IReadOnlyCollection<string>? statuses = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var filters = new List<(string, string)> { ("sort_by", "created_at:desc"), ("per_page", "100"), ("page", page.ToString(CultureInfo.InvariantCulture)) };
            if (statuses is { Count: > 0 })
            {
                filters.Add(("filter[status]", string.Join(',', statuses)));
            }

            var result = await _api.SendAsync(HttpMethod.Get, $"client_invoices?{Paging.Query([.. filters])}", ComptoirJsonContext.Default.ClientInvoicesPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.ClientInvoices, result.Meta);
        }, cancellationToken);

    /// <summary>Every invoice updated in [from, to], page by page (the sync guide's loop).</summary>
    public IAsyncEnumerable<ClientInvoice> ListUpdatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("filter[updated_at_from]", Paging.Iso(from)), ("filter[updated_at_to]", Paging.Iso(to)), ("sort_by", "updated_at:asc"), ("per_page", "100"), ("page", page.ToString(CultureInfo.InvariantCulture)));
            var result = await _api.SendAsync(HttpMethod.Get, $"client_invoices?{query}", ComptoirJsonContext.Default.ClientInvoicesPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.ClientInvoices, result.Meta);
        }, cancellationToken);

    /// <summary>
    /// Waits as the Factur-X guide says: re-fetch the invoice until attachment_id is set and the attachment's
    /// updated_at is later than finalized_at; returns that attachment (with a fresh URL).
    /// </summary>
    public async Task<Attachment> WaitForFacturXAsync(string invoiceId, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        using var timer = new CancellationTokenSource(timeout, _api.Clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            while (true)
            {
                var invoice = await GetAsync(invoiceId, deadline.Token).ConfigureAwait(false);
                if (invoice.FinalizedAt is null)
                {
                    throw new InvalidOperationException($"Invoice {invoiceId} is not finalized (status {invoice.Status}); a draft has no Factur-X file.");
                }

                if (invoice.AttachmentId is { } attachmentId)
                {
                    var attachment = await _attachments.GetAsync(attachmentId, deadline.Token).ConfigureAwait(false);
                    if (string.CompareOrdinal(attachment.UpdatedAt, invoice.FinalizedAt) > 0)
                    {
                        return attachment;
                    }
                }

                await Task.Delay(pollInterval ?? TimeSpan.FromSeconds(2), _api.Clock, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Factur-X file of invoice {invoiceId} was not ready within {timeout}.");
        }
    }

}

/// <summary>/v2/attachments: metadata and streaming downloads that refresh expired URLs.</summary>
public sealed class AttachmentsService
{
    private readonly ApiRequester _api;

    internal AttachmentsService(ApiRequester api) => _api = api;

    /// <summary>One attachment with a fresh pre-signed URL (valid 30 minutes).</summary>
    public async Task<Attachment> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"attachments/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.AttachmentEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Attachment;

    /// <summary>Uploads a file (multipart field "file"); the idempotency key is kept across retries.</summary>
    public async Task<string> UploadAsync(string path, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : "application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        var created = await _api.SendAsync(HttpMethod.Post, "attachments", ComptoirJsonContext.Default.AttachmentIdEnvelope, form, idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.Attachment.Id;
    }

    /// <summary>Streams the file to <paramref name="destination"/>; an expired or refused URL is refreshed once.</summary>
    public async Task DownloadAsync(Attachment attachment, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(destination);
        for (var attempt = 0; ; attempt++)
        {
            // Pre-signed URLs need no Authorization header, and must not get one (it could leak to another host).
            using var request = new HttpRequestMessage(HttpMethod.Get, attachment.Url);
            using var response = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (attempt == 0 && response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Unauthorized)
            {
                attachment = await GetAsync(attachment.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw await ApiRequester.ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads to a file, writing beside it first so an interrupted download never leaves half a file.</summary>
    public async Task DownloadToFileAsync(Attachment attachment, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".part";
        await using (var file = File.Create(temporary))
        {
            await DownloadAsync(attachment, file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
