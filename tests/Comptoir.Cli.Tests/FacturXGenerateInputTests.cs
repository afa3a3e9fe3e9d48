using System.Text;
using Comptoir.Server.ClientInvoices;

namespace Comptoir.Cli.Tests;

/// <summary><c>comptoir facturx generate</c> on input the strict reader refuses: one line naming the field, exit 3, no PDF.</summary>
public sealed class FacturXGenerateInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string> Refused => new()
    {
        { "a lone surrogate escape", "/client_invoice/header" },
        { "invalid UTF-8", "/client_invoice/footer" },
        { "a control character", "/client_invoice/items/0/title" },
        { "a header over the API's limit", "/client_invoice/header" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_input_is_one_line_with_the_pointer(string input, string pointer)
    {
        var root = SampleInvoiceJson.Build();
        var invoice = root.Invoice();
        var text = input switch
        {
            "a lone surrogate escape" => Set(() => invoice["header"] = "SURROGATE", "\"SURROGATE\"", "\"\\ud800 Merci\""),
            "invalid UTF-8" => Set(() => invoice["footer"] = "BYTES", string.Empty, string.Empty),
            "a control character" => Set(() => invoice["items"]![0]!["title"] = "Audit\u0007", string.Empty, string.Empty),
            _ => Set(() => invoice["header"] = new string('h', ClientInvoiceRules.MaxHeaderLength + 1), string.Empty, string.Empty),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (input == "invalid UTF-8")
        {
            var at = text.IndexOf("BYTES", StringComparison.Ordinal);
            bytes = [.. bytes[..at], 0xC3, 0x28, .. bytes[(at + 5)..]];
        }

        var path = Path.Combine(_directory, "invoice.json");
        File.WriteAllBytes(path, bytes);
        var pdf = Path.Combine(_directory, "invoice.pdf");

        var run = CliRun.Invoke("facturx", "generate", "--in", path, "--out", pdf);

        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"invoice.json: {pointer}: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));

        string Set(Action change, string placeholder, string replacement)
        {
            change();
            var json = root.ToJsonString();
            return placeholder.Length == 0 ? json : json.Replace(placeholder, replacement, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_over_the_apis_body_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_directory, "huge.json");
        using (var file = File.Create(path))
        {
            file.SetLength(ClientInvoiceRules.MaxBodyBytes + 1);
        }

        var run = CliRun.Invoke("facturx", "generate", "--in", path, "--out", Path.Combine(_directory, "huge.pdf"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("larger than 4 MB", run.Error, StringComparison.Ordinal);
    }
}
