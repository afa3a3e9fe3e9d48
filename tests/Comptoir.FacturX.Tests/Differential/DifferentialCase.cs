using Comptoir.FacturX.Validation;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>One document of the differential corpus: where it came from, its syntax and its bytes.</summary>
public sealed record DifferentialCase(string Name, InvoiceSyntax Syntax, byte[] Xml)
{
    public override string ToString() => Name;
}
