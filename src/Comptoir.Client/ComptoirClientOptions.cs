namespace Comptoir.Client;

/// <summary>How to reach the API: base URL (ending in /v2), credentials, sandbox token, timeouts and retries.</summary>
public sealed class ComptoirClientOptions
{
    /// <summary>The public production API.</summary>
    public static readonly Uri Production = new("https://thirdparty.qonto.com/v2/");

    /// <summary>The public sandbox (also set <see cref="StagingToken"/>).</summary>
    public static readonly Uri Sandbox = new("https://thirdparty-sandbox.staging.qonto.co/v2/");

    /// <summary>A Comptoir server on this machine with its default address.</summary>
    public static readonly Uri LocalComptoir = new("http://127.0.0.1:5080/v2/");

    /// <summary>Base URL as the guides write it, ending in /v2.</summary>
    public Uri BaseUrl { get; set; } = Production;

    /// <summary>"slug:secret" (API key) or "Bearer token" (OAuth access token).</summary>
    public string Authorization { get; set; } = string.Empty;

    /// <summary>X-Qonto-Staging-Token for sandbox hosts.</summary>
    public string? StagingToken { get; set; }

    /// <summary>Per-request timeout (each retry gets its own).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; set; } = "Comptoir.Client/1.0";

    /// <summary>Retries after the first attempt for network errors, 5xx and 429.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubles each retry, capped by <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two retries (Retry-After aside).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>API-key credentials.</summary>
    public static string ApiKey(string organizationSlug, string secretKey) => $"{organizationSlug}:{secretKey}";

    /// <summary>OAuth access-token credentials.</summary>
    public static string Bearer(string accessToken) => $"Bearer {accessToken}";

    internal Uri NormalizedBaseUrl => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
}
