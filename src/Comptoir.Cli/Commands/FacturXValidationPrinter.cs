using System.Text.Json;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.Cli.Commands;

/// <summary>Prints validation results for people (text) or scripts (a JSON array).</summary>
internal static class FacturXValidationPrinter
{
    public static void WriteText(FileValidation result, TextWriter output)
    {
        if (result.Report is not { } report)
        {
            output.WriteLine($"{result.File}: NOT VALIDATED: {result.Error}");
            return;
        }

        var fatal = report.Findings.Count(f => f.Severity == FindingSeverity.Fatal);
        var syntax = report.Syntax.ToString().ToUpperInvariant();
        output.WriteLine(fatal == 0
            ? $"{result.File}: OK ({syntax}, {result.RuleSets}, {report.Findings.Count} warning(s))"
            : $"{result.File}: NOT VALID ({syntax}, {result.RuleSets}, {fatal} fatal finding(s))");
        foreach (var finding in report.Findings)
        {
            var field = finding.Field is null ? string.Empty : $" {finding.Field}";
            output.WriteLine($"  {(finding.Severity == FindingSeverity.Fatal ? "fatal  " : "warning")} {finding.RuleId}{field}: {finding.Message}");
            output.WriteLine($"          at {finding.Location}");
        }
    }

    public static void WriteJson(IReadOnlyList<FileValidation> results, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ApiConnection.Output.Encoder });
        json.WriteStartArray();
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("file", result.File);
            json.WriteBoolean("valid", result.Report is { HasFatal: false });
            json.WriteString("syntax", result.Report?.Syntax.ToString().ToUpperInvariant());
            json.WriteString("rules", result.Report is null ? null : result.RuleSets);
            json.WriteString("facturx_profile", result.Report?.FacturXProfile is { } profile ? FacturXProfileIds.Name(profile) : null);
            json.WriteString("error", result.Error);
            json.WriteStartArray("findings");
            foreach (var finding in result.Report?.Findings ?? [])
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    public static void WriteFinding(Utf8JsonWriter json, ValidationFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("rule", finding.RuleId);
        json.WriteString("severity", finding.Severity == FindingSeverity.Fatal ? "fatal" : "warning");
        json.WriteString("message", finding.Message);
        json.WriteString("location", finding.Location);
        json.WriteString("field", finding.Field);
        json.WriteEndObject();
    }
}
