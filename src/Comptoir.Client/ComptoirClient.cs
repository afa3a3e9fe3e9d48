using Comptoir.Client.Http;
using Comptoir.Client.Services;

namespace Comptoir.Client;

/// <summary>
/// The Business API v2, one service per resource. Works against the public API and against Comptoir: only the base
/// URL and credentials differ (<see cref="ComptoirClientOptions"/>).
/// </summary>
public sealed class ComptoirClient
{
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
        Beneficiaries = new BeneficiariesService(api);
        PayeeVerification = new PayeeVerificationService(api);
        Transfers = new TransfersService(api);
        Transactions = new TransactionsService(api);
    }

    /// <summary>A client with its own HttpClient (prefer <see cref="ComptoirServiceCollectionExtensions.AddComptoirClient"/> in applications).</summary>
    public ComptoirClient(ComptoirClientOptions options)
        : this(new HttpClient(), options)
    {
    }

    public OrganizationService Organization { get; }

    public ClientsService Clients { get; }

    public ClientInvoicesService ClientInvoices { get; }

    public AttachmentsService Attachments { get; }

    public BeneficiariesService Beneficiaries { get; }

    public PayeeVerificationService PayeeVerification { get; }

    public TransfersService Transfers { get; }

    public TransactionsService Transactions { get; }
}
