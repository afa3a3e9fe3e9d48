using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Validation;

namespace Comptoir.Bench;

/// <summary>
/// The native EN 16931 validator against the official Schematron through Saxon-HE, on the same invoices in one
/// run: N generated CII invoices of 1 to MAXLINES lines (a third of them with a broken total, so both validators have
/// findings to report). Saxon runs as the official artefacts prescribe (one JVM over the folder), timed from
/// process start to exit; the native validator parses and validates the same bytes once cold (its first pass, shown
/// apart) and then, after a warm-up that lasts until tiered JIT has stopped compiling, in 20 timed passes.
/// </summary>
public static class ValidatorBenchmark
{
    public static int Run(int count, int maxLines)
    {
        var conformance = Environment.GetEnvironmentVariable("COMPTOIR_CONFORMANCE_DIR") ?? Path.GetFullPath(Path.Combine("..", "shared", "conformance"));
        var stylesheet = Path.Combine(conformance, "facturx", "en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt");
        if (!File.Exists(stylesheet))
        {
            Console.Error.WriteLine($"Set COMPTOIR_CONFORMANCE_DIR: {stylesheet} not found.");
            return 3;
        }

        var invoices = Enumerable.Range(0, count).Select(i => Invoice(i, maxLines)).ToList();
        var directory = Directory.CreateTempSubdirectory("comptoir-validator-bench-").FullName;
        try
        {
            var input = Path.Combine(directory, "in");
            var output = Path.Combine(directory, "svrl");
            Directory.CreateDirectory(input);
            Directory.CreateDirectory(output);
            for (var i = 0; i < invoices.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(input, $"{i:000}.xml"), invoices[i]);
            }

            var saxon = Stopwatch.StartNew();
            using (var process = Process.Start(new ProcessStartInfo("java", ["-cp", "/usr/share/java/Saxon-HE.jar", "net.sf.saxon.Transform", "-xsl:" + stylesheet, "-s:" + input, "-o:" + output]) { RedirectStandardError = true })!)
            {
                process.StandardError.ReadToEnd();
                process.WaitForExit();
            }

            saxon.Stop();

            // The first pass, timed alone: what a one-off `comptoir facturx validate` pays (static code lists, JIT).
            var cold = Stopwatch.StartNew();
            foreach (var invoice in invoices)
            {
                InvoiceValidator.Validate(invoice);
            }

            cold.Stop();

            // Warm-up until tiered JIT has finished: the compiled-method count unchanged for a whole second of passes.
            // A fixed 2 s proved too short on this machine (the optimised code of the rule tables arrived after
            // 4 to 5 s, and passes then ran 4 times faster): a server validating all day runs that code.
            var warmUp = Stopwatch.StartNew();
            var quiet = Stopwatch.StartNew();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            while ((quiet.Elapsed < TimeSpan.FromSeconds(1) || warmUp.Elapsed < TimeSpan.FromSeconds(2)) && warmUp.Elapsed < TimeSpan.FromSeconds(60))
            {
                foreach (var invoice in invoices)
                {
                    InvoiceValidator.Validate(invoice);
                }

                var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                if (now != compiled)
                {
                    compiled = now;
                    quiet.Restart();
                }
            }

            warmUp.Stop();

            const int passes = 20;
            var native = Stopwatch.StartNew();
            var reports = new List<ValidationReport>();
            for (var pass = 0; pass < passes; pass++)
            {
                reports.Clear();
                reports.AddRange(invoices.Select(InvoiceValidator.Validate));
            }

            native.Stop();

            // Where the native time goes: parsing the XML (secure settings) versus the rules on the parsed document.
            // Each document is dropped once parsed, as the validator drops it: holding a pass's documents made
            // the collector's work, not the parser's, most of the time once measured here.
            var parse = Stopwatch.StartNew();
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var invoice in invoices)
                {
                    Comptoir.FacturX.Reading.SecureXml.Load(invoice);
                }
            }

            parse.Stop();

            var agree = reports.Select((r, i) => r.FatalRuleIds.SetEquals(FatalIds(Path.Combine(output, $"{i:000}.xml")))).Count(same => same);
            var saxonPerInvoice = saxon.Elapsed.TotalMilliseconds / count;
            var nativePerInvoice = native.Elapsed.TotalMilliseconds / (count * passes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"invoices: {count} ({invoices.Sum(i => i.Length) / 1024} KB of XML), {reports.Count(r => r.HasFatal)} with fatal findings, verdicts equal on {agree}/{count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Saxon-HE + official Schematron (one JVM, whole folder): {saxon.Elapsed.TotalMilliseconds:0} ms, {saxonPerInvoice:0.00} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"native validator (parse + rules, {passes} passes):      {native.Elapsed.TotalMilliseconds:0} ms, {nativePerInvoice:0.000} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which parsing the XML:                        {parse.Elapsed.TotalMilliseconds / (count * passes):0.000} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first pass alone (cold: code lists, JIT):      {cold.Elapsed.TotalMilliseconds / count:0.000} ms per invoice; JIT settled after {warmUp.Elapsed.TotalSeconds:0.0} s of warm-up"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"native is {saxonPerInvoice / nativePerInvoice:0}x faster per invoice"));
            return agree == count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The i-th invoice: 1 to <paramref name="maxLines"/> lines; every third has its grand total off by a cent.</summary>
    private static byte[] Invoice(int index, int maxLines)
    {
        var xml = CiiWriter.Write(FacturXBenchmarks.Invoice((index % maxLines) + 1));
        if (index % 3 != 0)
        {
            return xml;
        }

        var document = XDocument.Load(new MemoryStream(xml));
        var grand = document.Descendants(XName.Get("GrandTotalAmount", CiiNamespaces.Ram)).First();
        grand.Value = (decimal.Parse(grand.Value, CultureInfo.InvariantCulture) + 0.01m).ToString(CultureInfo.InvariantCulture);
        var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static IReadOnlySet<string> FatalIds(string svrl)
    {
        XNamespace ns = "http://purl.oclc.org/dsdl/svrl";
        return XDocument.Load(svrl).Descendants(ns + "failed-assert").Concat(XDocument.Load(svrl).Descendants(ns + "successful-report"))
            .Where(e => (string?)e.Attribute("flag") != "warning")
            .Select(e => (string)e.Attribute("id")!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
