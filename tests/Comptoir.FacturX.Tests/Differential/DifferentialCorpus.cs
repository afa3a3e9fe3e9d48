using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Tests.Support;
using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// The differential corpus: every official sample, every invoice of this project's generated corpus, and mutants
/// of both (a fixed seed, so a failure reproduces).
/// </summary>
public static class DifferentialCorpus
{
    public const int MutantCount = 600;

    public const int Seed = 16931;

    public static IReadOnlyList<DifferentialCase> Build()
    {
        var samples = OfficialSamples.Load();
        var generated = InvoiceCorpus.All.Select(c => new DifferentialCase("generated/" + c.Name, InvoiceSyntax.Cii, CiiWriter.Write(c.Invoice))).ToList();

        // Mutants come from whole invoices (not the unit-test fragments), CII and UBL alike.
        var seeds = generated.Concat(samples.Where(s => !s.Name.Contains("-unit/", StringComparison.Ordinal))).ToList();
        var mutants = InvoiceMutator.Mutate(seeds, MutantCount, Seed);
        return [.. samples, .. generated, .. mutants];
    }
}
