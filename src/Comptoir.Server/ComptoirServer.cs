using Comptoir.Server.InternalTransfers;
using Comptoir.Server.Http;
using Comptoir.Server.Attachments;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Http.Idempotency;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Clients;
using Comptoir.Server.CreditNotes;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.OpenApi;
using Comptoir.Server.Organizations;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Http.Query;
using Comptoir.Server.Http.RateLimiting;
using Comptoir.Server.Jobs;
using Comptoir.Server.Labels;
using Comptoir.Server.Memberships;
using Comptoir.Server.Storage;
using Comptoir.Server.Webhooks;
using Comptoir.Server.SupplierInvoices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Comptoir.Server;

/// <summary>Builds the /v2 server: services, middleware order, endpoints. Migrations run before it accepts requests.</summary>
public static class ComptoirServer
{
    /// <summary>
    /// Largest request body Kestrel reads. Above the 10 MB file limit on purpose: a 12 MB upload is read and refused
    /// with a 413 in the envelope; only bodies over this size are cut off at the connection.
    /// </summary>
    public const long MaxRequestBodyBytes = 32 * 1024 * 1024;

    /// <param name="replaceServices">Runs after every registration (tests put a controlled part in place of a real one).</param>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, TimeProvider clock, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default, Action<IServiceCollection>? replaceServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var database = Database.Open(options.Database, options.DataDirectory);
        await Migrator.MigrateAsync(database, clock, cancellationToken).ConfigureAwait(false);

        // The server reads no configuration files. Left to its defaults the host would watch the current directory,
        // subdirectories included, for appsettings changes: with the default ./data that is every SQLite write, and
        // the watcher thread took 3% of the machine under POST load.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Above the API's own limits on purpose, as the body's: a 100 KB query or a 64 KB header reaches the error
            // middleware and gets its 414/431 in the envelope (RequestHeadChecks); past these Kestrel answers alone.
            kestrel.Limits.MaxRequestLineSize = RequestHeadChecks.HardMaxTargetBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestHeadChecks.HardMaxHeaderBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            logging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(clock);
        services.AddSingleton(database);
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<ClientStore>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ClientInvoiceStore>();
        services.AddSingleton<CreditNoteIssuer>();
        services.AddSingleton<CreditNoteStore>();
        services.AddSingleton<ClientInvoiceListVersions>();
        services.AddSingleton<ClientInvoices.ClientInvoicePageCache>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<KeyRing>();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<BeneficiaryStore>();
        services.AddSingleton<MembershipStore>();
        services.AddSingleton<LabelStore>();
        services.AddSingleton<PayeeDirectory>();
        services.AddSingleton<PayeeVerification>();
        services.AddSingleton<ScaSessions>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<InternalTransferStore>();
        services.AddSingleton<IncomingPayments>();
        services.AddSingleton<SupplierInvoiceStore>();
        services.AddSingleton<Comptoir.Server.Transactions.TransactionStore>();
        services.AddSingleton<BackgroundCpu>();
        services.AddSingleton<IJobHandler, ClientInvoiceDocumentJob>();
        services.AddSingleton<IJobHandler, CreditNoteDocumentJob>();
        services.AddSingleton<IJobHandler, TransferSettlementJob>();
        services.AddSingleton<IJobHandler, SupplierInvoiceAnalysisJob>();
        services.AddSingleton<IJobHandler, WebhookRetentionJob>();
        services.AddSingleton<JobRunner>();
        // A sandbox is a developer's server: its webhooks may reach a receiver on the same machine.
        services.AddSingleton(options.StagingToken is null ? options.Webhooks : options.Webhooks with { AllowLoopback = true });
        services.AddSingleton<WebhookSubscriptionStore>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<ApiActivity>();
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<Database>();
            return new ForegroundLoad(sp.GetRequiredService<ApiActivity>(), () => database.SqliteWriterBusy, new CpuPressure());
        });
        services.AddApiDocumentation();
        if (options.RunWorkers)
        {
            services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
            services.AddHostedService<WebhookRetentionSchedule>();
        }

        replaceServices?.Invoke(services);

        // Let a started job finish on Ctrl-C.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var app = builder.Build();
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(TrustedProxies.Options(options.TrustedProxies));
        }

        // First: every request counts, even one the error handler or the rate limit answers.
        app.UseMiddleware<ApiActivityMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        // Routing first: authentication and the scope check read the matched route's declarations.
        app.UseRouting();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        // Scopes first: a token without the route's scope must not replay what another caller stored under a key.
        app.UseMiddleware<ScopeCheckMiddleware>();
        app.UseMiddleware<UnknownFilterMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapOrganizationApi();
        app.MapClientsApi();
        app.MapClientInvoicesApi();
        app.MapCreditNotesApi();
        app.MapAttachmentsApi();
        app.MapBeneficiariesApi();
        app.MapPayeeVerificationApi();
        app.MapTransfersApi();
        app.MapScaSessionsApi();
        app.MapInternalTransfersApi();
        app.MapTransactionsApi();
        app.MapSupplierInvoicesApi();
        app.MapMembershipsApi();
        app.MapLabelsApi();
        app.MapWebhookSubscriptionsApi();
        app.MapApiDocumentation();
        Health.HealthApi.MapHealthApi(app);
        return app;
    }
}
