using System.CommandLine;
using System.Text.Json;
using Comptoir.Client;

namespace Comptoir.Cli.Commands;

/// <summary>
/// How workflow commands reach an API: --base-url (as the guides write it, ending in /v2), --sandbox,
/// --staging-token, credentials from COMPTOIR_AUTHORIZATION, else the profile `comptoir login` wrote, else a local
/// Comptoir's data/credentials.json; and --json for one JSON object on stdout.
/// </summary>
public sealed class ApiConnection
{
    public const string AuthorizationVariable = "COMPTOIR_AUTHORIZATION";

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "API base URL ending in /v2 (default: the profile's, else http://127.0.0.1:5080/v2)." };

    public Option<bool> Sandbox { get; } = new("--sandbox") { Description = "Use the public sandbox (send --staging-token too)." };

    public Option<string?> StagingToken { get; } = new("--staging-token") { Description = "X-Qonto-Staging-Token for sandbox hosts (or COMPTOIR_STAGING_TOKEN)." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object on stdout instead of text." };

    public Option<string?> Authorization { get; } = new("--authorization") { Description = $"Credentials (\"slug:secret\" or \"Bearer token\"); prefer {AuthorizationVariable}, as arguments are visible to other users of the machine." };

    /// <summary>UTF-8 JSON output as is ("Démo", not "D\u00E9mo").</summary>
    public static readonly JsonWriterOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ProfilePath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "comptoir", "profile.json");

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(BaseUrl);
        command.Options.Add(Sandbox);
        command.Options.Add(StagingToken);
        command.Options.Add(Json);
        command.Options.Add(Authorization);
    }

    public ComptoirClient Connect(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var profile = ReadProfile();
        var local = ReadLocalCredentials();
        var baseUrl = parse.GetValue(BaseUrl) ?? (parse.GetValue(Sandbox) ? ComptoirClientOptions.Sandbox.AbsoluteUri : null) ?? profile?.BaseUrl ?? local?.BaseUrl ?? ComptoirClientOptions.LocalComptoir.AbsoluteUri;
        var authorization = parse.GetValue(Authorization) ?? Environment.GetEnvironmentVariable(AuthorizationVariable) ?? profile?.Authorization ?? local?.Authorization
            ?? throw new CliException($"No credentials: set {AuthorizationVariable} (\"slug:secret\" or \"Bearer token\") or run 'comptoir login'.", ExitCodes.Usage);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--base-url: '{baseUrl}' is not an http(s) URL.", ExitCodes.Usage);
        }

        return new ComptoirClient(new ComptoirClientOptions
        {
            BaseUrl = uri,
            Authorization = authorization,
            StagingToken = parse.GetValue(StagingToken) ?? Environment.GetEnvironmentVariable("COMPTOIR_STAGING_TOKEN") ?? profile?.StagingToken ?? local?.StagingToken,
            Timeout = TimeSpan.FromSeconds(30),
            MaxRetries = 2,
        });
    }

    public bool WantsJson(ParseResult parse) => parse.GetValue(Json);

    internal sealed record Profile(string? BaseUrl, string? Authorization, string? StagingToken);

    private static Profile? ReadProfile()
    {
        try
        {
            if (!File.Exists(ProfilePath))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(ProfilePath));
            return FromJson(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new CliException($"{ProfilePath} is unreadable ({e.Message}); run 'comptoir login' again.");
        }
    }

    private static Profile? ReadLocalCredentials()
    {
        var path = Path.Combine("data", "credentials.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Profile FromJson(JsonElement root)
    {
        string? Get(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new Profile(Get("base_url"), Get("authorization"), Get("staging_token"));
    }
}
