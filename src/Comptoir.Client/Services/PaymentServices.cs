using System.Globalization;
using System.Net.Http.Json;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>/v2/sepa/beneficiaries: list, read, add (untrusted), update, trust and untrust.</summary>
public sealed class BeneficiariesService
{
    private readonly ApiRequester _api;

    internal BeneficiariesService(ApiRequester api) => _api = api;

    /// <summary>Every beneficiary, optionally filtered by IBAN and trust, page by page.</summary>
    public IAsyncEnumerable<Beneficiary> ListAsync(string? iban = null, bool? trusted = null, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("iban[]", iban), ("trusted", trusted?.ToString().ToLowerInvariant()), ("page", page.ToString(CultureInfo.InvariantCulture)), ("per_page", "100"));
            var result = await _api.SendAsync(HttpMethod.Get, $"sepa/beneficiaries?{query}", ComptoirJsonContext.Default.BeneficiariesPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Beneficiaries, result.Meta);
        }, cancellationToken);

    /// <summary>Beneficiaries whose name contains <paramref name="name"/> (accents and case ignored), page by page.</summary>
    public IAsyncEnumerable<Beneficiary> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("filter[name]", name), ("page", page.ToString(CultureInfo.InvariantCulture)), ("per_page", "100"));
            var result = await _api.SendAsync(HttpMethod.Get, $"sepa/beneficiaries?{query}", ComptoirJsonContext.Default.BeneficiariesPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Beneficiaries, result.Meta);
        }, cancellationToken);

    /// <summary>One beneficiary by id.</summary>
    public async Task<Beneficiary> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"sepa/beneficiaries/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.BeneficiaryEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Beneficiary;

    /// <summary>Adds a beneficiary, untrusted; one idempotency key across retries (pass yours to keep it across runs).</summary>
    public async Task<Beneficiary> CreateAsync(NewBeneficiary beneficiary, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "sepa/beneficiaries", ComptoirJsonContext.Default.BeneficiaryEnvelope,
            JsonContent.Create(new Envelopes.NewBeneficiaryRequest(beneficiary), ComptoirJsonContext.Default.NewBeneficiaryRequest), idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Beneficiary;

    /// <summary>Changes a beneficiary's name, email or activity tag.</summary>
    public async Task<Beneficiary> UpdateAsync(string id, BeneficiaryChanges changes, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Patch, $"sepa/beneficiaries/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.BeneficiaryEnvelope,
            JsonContent.Create(new Envelopes.BeneficiaryChangesRequest(changes), ComptoirJsonContext.Default.BeneficiaryChangesRequest), cancellationToken: cancellationToken).ConfigureAwait(false)).Beneficiary;

    /// <summary>Trusts up to 400 beneficiaries (all or none; needs beneficiary.trust).</summary>
    public Task<IReadOnlyList<Beneficiary>> TrustAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => SetTrustAsync("trust", ids, cancellationToken);

    /// <summary>Untrusts up to 400 beneficiaries (all or none).</summary>
    public Task<IReadOnlyList<Beneficiary>> UntrustAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => SetTrustAsync("untrust", ids, cancellationToken);

    private async Task<IReadOnlyList<Beneficiary>> SetTrustAsync(string verb, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        (await _api.SendAsync(HttpMethod.Patch, $"sepa/beneficiaries/{verb}", ComptoirJsonContext.Default.BeneficiaryList,
            JsonContent.Create(new Envelopes.BeneficiaryIds(ids), ComptoirJsonContext.Default.BeneficiaryIds), cancellationToken: cancellationToken).ConfigureAwait(false)).Beneficiaries;
}

/// <summary>POST /v2/sepa/verify_payee.</summary>
public sealed class PayeeVerificationService
{
    private readonly ApiRequester _api;

    internal PayeeVerificationService(ApiRequester api) => _api = api;

    /// <summary>Verifies that the IBAN belongs to the named payee; the returned proof token is valid for one transfer.</summary>
    public Task<PayeeVerification> VerifyAsync(string iban, string beneficiaryName, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, "sepa/verify_payee", ComptoirJsonContext.Default.PayeeVerification,
            JsonContent.Create(new Envelopes.VerifyPayeeRequest(iban, beneficiaryName), ComptoirJsonContext.Default.VerifyPayeeRequest), cancellationToken: cancellationToken);

    /// <summary>Verifies up to 400 payees in one call; the token covers every entry that has a response.</summary>
    public Task<BulkPayeeVerification> VerifyManyAsync(IReadOnlyList<PayeeToVerify> payees, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, "sepa/bulk_verify_payee", ComptoirJsonContext.Default.BulkPayeeVerification,
            JsonContent.Create(new Envelopes.BulkVerifyRequest(payees), ComptoirJsonContext.Default.BulkVerifyRequest), cancellationToken: cancellationToken);

    /// <summary>A proof token for payees paid without a name check (the transfers record it).</summary>
    public async Task<ProofToken> SkipAsync(IReadOnlyList<PayeeToVerify> payees, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "sepa/skip_verify_payee", ComptoirJsonContext.Default.ProofTokenEnvelope,
            JsonContent.Create(new Envelopes.BulkVerifyRequest(payees), ComptoirJsonContext.Default.BulkVerifyRequest), cancellationToken: cancellationToken).ConfigureAwait(false)).ProofToken;
}

/// <summary>GET /v2/sca_sessions/{token}: what the user decided about a strong customer authentication.</summary>
public sealed class ScaSessionsService
{
    private readonly ApiRequester _api;

    internal ScaSessionsService(ApiRequester api) => _api = api;

    /// <summary>The session's state; a 412 <see cref="ComptoirApiException"/> once it has expired.</summary>
    public Task<ScaSession> GetAsync(string token, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"sca_sessions/{Uri.EscapeDataString(token)}", ComptoirJsonContext.Default.ScaSession, cancellationToken: cancellationToken);

    /// <summary>Polls every <paramref name="interval"/> until the user allows or denies (or the session expires: 412).</summary>
    public async Task<ScaSession> WaitAsync(string token, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var session = await GetAsync(token, cancellationToken).ConfigureAwait(false);
            if (session.IsDecided)
            {
                return session;
            }

            await Task.Delay(interval, _api.Clock, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>POST /v2/internal_transfers: between two accounts of the organization, at once.</summary>
public sealed class InternalTransfersService
{
    private readonly ApiRequester _api;

    internal InternalTransfersService(ApiRequester api) => _api = api;

    /// <summary>Moves the money; pass an idempotency key stored before calling, so a re-run never moves it twice.</summary>
    public async Task<InternalTransfer> CreateAsync(NewInternalTransfer transfer, string idempotencyKey, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Post, "internal_transfers", ComptoirJsonContext.Default.InternalTransferEnvelope,
            JsonContent.Create(new Envelopes.InternalTransferRequest(transfer), ComptoirJsonContext.Default.InternalTransferRequest), idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false)).InternalTransfer;
}

/// <summary>/v2/sepa/transfers: every creation carries an idempotency key, kept across retries.</summary>
public sealed class TransfersService
{
    private readonly ApiRequester _api;

    internal TransfersService(ApiRequester api) => _api = api;

    /// <summary>
    /// Creates a transfer. Pass the idempotency key you stored before calling (so a re-run after a crash reuses it);
    /// for an untrusted beneficiary the first answer is a <see cref="ComptoirApiException"/> 428 carrying
    /// sca_session_token, and the call is repeated with <paramref name="scaSessionToken"/> once approved.
    /// </summary>
    public async Task<Transfer> CreateAsync(string proofToken, NewTransfer transfer, string idempotencyKey, string? scaSessionToken = null, CancellationToken cancellationToken = default)
    {
        var headers = scaSessionToken is null ? null : new Dictionary<string, string> { ["X-Qonto-Sca-Session-Token"] = scaSessionToken };
        var body = JsonContent.Create(new Envelopes.TransferRequest(proofToken, transfer), ComptoirJsonContext.Default.TransferRequest);
        return (await _api.SendAsync(HttpMethod.Post, "sepa/transfers", ComptoirJsonContext.Default.TransferEnvelope, body, idempotencyKey, headers, cancellationToken).ConfigureAwait(false)).Transfer;
    }

    /// <summary>One transfer by id.</summary>
    public async Task<Transfer> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"sepa/transfers/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.TransferEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Transfer;

    /// <summary>Cancels a pending transfer (the API answers 204).</summary>
    public async Task CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Post, $"sepa/transfers/{Uri.EscapeDataString(id)}/cancel", null, null, null, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>GET /v2/transactions for one account, every status, attachments included (use case 6).</summary>
public sealed class TransactionsService
{
    private readonly ApiRequester _api;

    internal TransactionsService(ApiRequester api) => _api = api;

    /// <summary>
    /// Uploads a file straight onto a transaction (the receipt of a card payment, say) and returns its attachment id;
    /// pass an idempotency key stored before calling so a re-run never uploads it twice.
    /// </summary>
    public async Task<string> UploadAttachmentAsync(string transactionId, string path, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : "application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        var created = await _api.SendAsync(HttpMethod.Post, $"transactions/{Uri.EscapeDataString(transactionId)}/attachments", ComptoirJsonContext.Default.AttachmentIdEnvelope, form, idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.Attachment.Id;
    }

    /// <summary>Removes one attachment from a transaction, or every one when <paramref name="attachmentId"/> is null (the files stay).</summary>
    public async Task RemoveAttachmentsAsync(string transactionId, string? attachmentId = null, CancellationToken cancellationToken = default)
    {
        var path = $"transactions/{Uri.EscapeDataString(transactionId)}/attachments" + (attachmentId is null ? string.Empty : "/" + Uri.EscapeDataString(attachmentId));
        using var response = await _api.SendRawAsync(HttpMethod.Delete, path, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every transaction of the account updated in [from, to], all statuses, page by page.</summary>
    public IAsyncEnumerable<Transaction> ListUpdatedAsync(string bankAccountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var query = Paging.Query(("bank_account_id", bankAccountId), ("updated_at_from", Paging.Iso(from)), ("updated_at_to", Paging.Iso(to)), ("includes[]", "attachments"),
                ("sort_by", "updated_at:asc"), ("per_page", "100"), ("page", page.ToString(CultureInfo.InvariantCulture)))
                + "&status[]=completed&status[]=pending&status[]=declined";
            var result = await _api.SendAsync(HttpMethod.Get, $"transactions?{query}", ComptoirJsonContext.Default.TransactionsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Transactions, result.Meta);
        }, cancellationToken);

    /// <summary>One transaction by id.</summary>
    public async Task<Transaction> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"transactions/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.TransactionEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Transaction;

    /// <summary>Sets a transaction's labels (the whole set) and/or its note.</summary>
    public async Task<Transaction> UpdateAsync(string id, TransactionChanges changes, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Patch, $"transactions/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.TransactionEnvelope,
            JsonContent.Create(changes, ComptoirJsonContext.Default.TransactionChanges), cancellationToken: cancellationToken).ConfigureAwait(false)).Transaction;
}
