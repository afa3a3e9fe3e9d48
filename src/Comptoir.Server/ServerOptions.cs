namespace Comptoir.Server;

/// <summary>How a server instance is configured (the `comptoir serve` options).</summary>
public sealed record ServerOptions
{
    /// <summary>Folder for the SQLite database and credentials.json.</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>Kestrel listen URLs.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>PostgreSQL connection string, or SQLite path; null for SQLite in <see cref="DataDirectory"/>.</summary>
    public string? Database { get; init; }

    /// <summary>When set, every /v2 request must carry this X-Qonto-Staging-Token.</summary>
    public string? StagingToken { get; init; }

    /// <summary>How long finished Factur-X files are held back (the public API shows them about 10 s after finalization).</summary>
    public TimeSpan DocumentDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Base URL the server advertises in links (pre-signed URLs, invoice_url); defaults to the first listen URL.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>
    /// Proxies (addresses or CIDR ranges) whose X-Forwarded-For / -Proto / -Host headers are believed; the headers of
    /// anyone else are ignored. Empty: the connection's own address is the client's.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Run the background document worker in this process.</summary>
    public bool RunWorkers { get; init; } = true;

    /// <summary>Rate limits per client (the public API's: 1,000 per 10 s and 10,000 per 10 min).</summary>
    public int RequestsPer10Seconds { get; init; } = 1000;

    public int RequestsPer10Minutes { get; init; } = 10_000;

    /// <summary>Memory for finished client-invoice list pages (see ClientInvoicePageCache); 0 turns the cache off.</summary>
    public long ListCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How webhooks are delivered: timeouts, retries, concurrency, which callbacks may be reached.</summary>
    public Webhooks.WebhookSettings Webhooks { get; init; } = new();
}
