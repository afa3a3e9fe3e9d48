using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Tests;

/// <summary>The validator's allocation-free child walk answers as <see cref="XContainer.Elements(XName)"/> does.</summary>
public sealed class ChildElementsTests
{
    private static readonly XNamespace Ram = "urn:example:ram";

    [Fact]
    public void It_yields_the_children_of_the_name_in_document_order_and_nothing_else()
    {
        var parent = XElement.Parse("""
            <p xmlns:ram="urn:example:ram" xmlns:other="urn:example:other">
              <ram:A>1</ram:A> text <ram:B>x</ram:B><!-- note --><other:A>no</other:A>
              <ram:A><ram:A>nested</ram:A></ram:A><ram:A/>
            </p>
            """);

        var walked = new List<XElement>();
        foreach (var element in parent.Children(Ram + "A"))
        {
            walked.Add(element);
        }

        Assert.Equal(parent.Elements(Ram + "A"), walked);
        Assert.Equal(3, parent.Children(Ram + "A").Count());
        Assert.True(parent.Children(Ram + "B").Any());
        Assert.False(parent.Children(Ram + "C").Any());
        Assert.Same(parent.Element(Ram + "A"), parent.Children(Ram + "A").First());
    }

    [Fact]
    public void A_text_only_element_or_null_has_no_children_and_keeps_its_text_as_it_was()
    {
        var leaf = XElement.Parse("<ram:A xmlns:ram=\"urn:example:ram\">  42 </ram:A>");
        var before = leaf.Value;

        Assert.Equal(0, leaf.Children(Ram + "A").Count());
        Assert.Equal(0, ((XElement?)null).Children(Ram + "A").Count());
        Assert.Null(((XElement?)null).Children(Ram + "A").First());

        // Walking must not turn the text into a node: its value is still the very string parsed, not a new one.
        Assert.Same(before, leaf.Value);
    }
}
