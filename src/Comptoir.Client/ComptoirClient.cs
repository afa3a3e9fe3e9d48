using Comptoir.Client.Http;
using Comptoir.Client.Services;

namespace Comptoir.Client;

/// <summary>
/// The Business API v2, one service per resource. Works against the public API and against Comptoir: only the base
/// URL and credentials differ (<see cref="ComptoirClientOptions"/>).
/// </summary>
public sealed class ComptoirClient
{
    /// <summary>A client on an HttpClient you own (for IHttpClientFactory); the clock drives the waits between retries (Retry-After dates included).</summary>
    public ComptoirClient(HttpClient http, ComptoirClientOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Authorization))
        {
            throw new ArgumentException("Authorization is required: ComptoirClientOptions.ApiKey(slug, secret) or Bearer(token).", nameof(options));
        }

        http.Timeout = options.Timeout;
        var api = new ApiRequester(http, options, clock ?? TimeProvider.System);
        Organization = new OrganizationService(api);
        Clients = new ClientsService(api);
        Attachments = new AttachmentsService(api);
        ClientInvoices = new ClientInvoicesService(api, Attachments);
        CreditNotes = new CreditNotesService(api);
        Beneficiaries = new BeneficiariesService(api);
        PayeeVerification = new PayeeVerificationService(api);
        Transfers = new TransfersService(api);
        ScaSessions = new ScaSessionsService(api);
        InternalTransfers = new InternalTransfersService(api);
        Transactions = new TransactionsService(api);
        SupplierInvoices = new SupplierInvoicesService(api);
        Labels = new LabelsService(api);
        Memberships = new MembershipsService(api);
        WebhookSubscriptions = new WebhookSubscriptionsService(api);
    }

    /// <summary>A client with its own HttpClient (prefer <see cref="ComptoirServiceCollectionExtensions.AddComptoirClient"/> in applications).</summary>
    public ComptoirClient(ComptoirClientOptions options)
        : this(new HttpClient(), options)
    {
    }

    /// <summary>GET /v2/organization and its bank accounts.</summary>
    public OrganizationService Organization { get; }

    /// <summary>Clients: list, filter, create, find-or-create by e-mail.</summary>
    public ClientsService Clients { get; }

    /// <summary>Client invoices: create, finalize, mark as paid, list, wait for the Factur-X file.</summary>
    public ClientInvoicesService ClientInvoices { get; }

    /// <summary>Credit notes of finalized invoices.</summary>
    public CreditNotesService CreditNotes { get; }

    /// <summary>Attachments: metadata, upload, streaming download with URL refresh.</summary>
    public AttachmentsService Attachments { get; }

    /// <summary>SEPA beneficiaries.</summary>
    public BeneficiariesService Beneficiaries { get; }

    /// <summary>Verification of Payee (the proof token a transfer needs).</summary>
    public PayeeVerificationService PayeeVerification { get; }

    /// <summary>SEPA transfers.</summary>
    public TransfersService Transfers { get; }

    /// <summary>Strong customer authentication sessions: poll one after a 428 until the user decides.</summary>
    public ScaSessionsService ScaSessions { get; }

    /// <summary>Internal transfers between the organization's own accounts.</summary>
    public InternalTransfersService InternalTransfers { get; }

    /// <summary>Transactions of a bank account.</summary>
    public TransactionsService Transactions { get; }

    /// <summary>Supplier invoices: bulk upload, list, get, mark paid, unmark, reject.</summary>
    public SupplierInvoicesService SupplierInvoices { get; }

    /// <summary>The organization's labels.</summary>
    public LabelsService Labels { get; }

    /// <summary>The organization's memberships, and the one the credential acts as.</summary>
    public MembershipsService Memberships { get; }

    /// <summary>Webhook subscriptions, their deliveries and test events (parse what arrives with <see cref="WebhookEvent"/>).</summary>
    public WebhookSubscriptionsService WebhookSubscriptions { get; }
}
