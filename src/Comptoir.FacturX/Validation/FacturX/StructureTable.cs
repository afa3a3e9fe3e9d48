using System.Collections.Frozen;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// A profile's structure rules (FX-SCH-A-*) as a table: each entry is an absolute element path and the checks the
/// official rule runs there. The official rules are one pattern, so an element is checked by the first entry whose
/// path it matches. A path step may carry one of the few conditions the official contexts use, written here as
/// [type=130], [type!=916,50,130], [scheme=VA], [scheme!=VA,FC], [indicator=false], [indicator!=false,true],
/// [currency=invoice], [currency!=invoice,tax], [documentCurrency=invoice] (the invoice's currency read from the
/// document element rather than from the grandparent), [listID=] (no listID), [listID=5153] and [listID!=,5153]
/// (a listID, not 5153).
/// </summary>
internal sealed class StructureTable
{
    private readonly FrozenDictionary<XName, Entry[]> byName;

    public StructureTable(params Entry[] entries)
    {
        byName = entries.GroupBy(e => e.Steps[^1].Name).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    public void Check(XElement root, FindingCollector findings)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (!byName.TryGetValue(element.Name, out var candidates))
            {
                continue;
            }

            foreach (var entry in candidates)
            {
                if (entry.Matches(element))
                {
                    foreach (var check in entry.Checks)
                    {
                        check(element, findings);
                    }

                    break;
                }
            }
        }
    }

    public static Entry Rule(string path, params ElementCheck[] checks) => new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Step.Parse).ToArray(), checks);

    /// <summary>count(child) = 1.</summary>
    public static ElementCheck One(string child, string id) => Count(child, id, "must occur exactly 1 times", n => n == 1);

    /// <summary>count(child) &lt;= 1.</summary>
    public static ElementCheck AtMostOne(string child, string id) => Count(child, id, "may occur at maximum 1 times", n => n <= 1);

    /// <summary>count(child) &lt;= 2.</summary>
    public static ElementCheck AtMostTwo(string child, string id) => Count(child, id, "may occur at maximum 2 times", n => n <= 2);

    /// <summary>count(child) &gt;= 1.</summary>
    public static ElementCheck AtLeastOne(string child, string id) => Count(child, id, "must occur at least 1 times", n => n >= 1);

    /// <summary>The attribute is present.</summary>
    public static ElementCheck Attribute(string attribute, string id)
    {
        var rule = new Rule(Prefix + id, $"Attribute '@{attribute}' is required in this context.");
        return (element, f) => f.Require(element.Attribute(attribute) is not null, rule, element);
    }

    /// <summary>The element's text is empty or in the list.</summary>
    public static ElementCheck Code(FrozenSet<string> list, string id) => (element, f) =>
    {
        if (element.Value.Length > 0 && !list.Contains(element.Value))
        {
            f.Require(false, new Rule(Prefix + id, $"Value of '{Prefixed(element.Name)}' is not allowed."), element);
        }
    };

    /// <summary>The attribute is absent, empty or in the list.</summary>
    public static ElementCheck AttributeCode(string attribute, FrozenSet<string> list, string id)
    {
        var rule = new Rule(Prefix + id, $"Value of '@{attribute}' is not allowed.");
        return (element, f) => StructureChecks.InList(f, element, (string?)element.Attribute(attribute), list, rule);
    }

    /// <summary>report @attribute: the profile does not use it here.</summary>
    public static ElementCheck NoAttribute(string attribute) => (element, f) => StructureChecks.ForbidAttribute(f, element, attribute);

    /// <summary>report true(): the profile does not use the element here.</summary>
    public static ElementCheck NotUsed() => (element, f) => StructureChecks.NotUsed(f, element);

    private const string Prefix = "FX-SCH-A-";

    private static ElementCheck Count(string child, string id, string cardinality, Func<int, bool> holds)
    {
        var step = Step.Parse(child);
        var kind = step.Condition is null ? "Element" : "Element variant";
        var rule = new Rule(Prefix + id, $"{kind} '{step.Text}' {cardinality}.");
        return (element, f) => f.Require(holds(element.Elements(step.Name).Count(step.Holds)), rule, element);
    }

    private static string Prefixed(XName name) => name.NamespaceName switch
    {
        CiiNamespaces.Rsm => "rsm:",
        CiiNamespaces.Udt => "udt:",
        CiiNamespaces.Qdt => "qdt:",
        _ => "ram:",
    } + name.LocalName;

    public delegate void ElementCheck(XElement element, FindingCollector findings);

    public sealed record Entry(Step[] Steps, ElementCheck[] Checks)
    {
        /// <summary>The element, its ancestors and their conditions follow the path from the document element.</summary>
        public bool Matches(XElement element)
        {
            XElement? current = element;
            for (var i = Steps.Length - 1; i >= 0; i--, current = current.Parent)
            {
                if (current is null || !Steps[i].Matches(current))
                {
                    return false;
                }
            }

            return current is null;
        }
    }

    /// <summary>One path step: a name and an optional condition on the element.</summary>
    public sealed record Step(XName Name, string Text, Func<XElement, bool>? Condition)
    {
        public bool Matches(XElement element) => element.Name == Name && Holds(element);

        public bool Holds(XElement element) => Condition is null || Condition(element);

        public static Step Parse(string text)
        {
            var bracket = text.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? text : text[..bracket];
            var condition = bracket < 0 ? null : StepConditions.Parse(text[(bracket + 1)..^1]);
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            XNamespace ns = name[..colon] switch
            {
                "rsm" => CiiNamespaces.Rsm,
                "udt" => CiiNamespaces.Udt,
                "qdt" => CiiNamespaces.Qdt,
                "ram" => CiiNamespaces.Ram,
                var prefix => throw new ArgumentException($"Unknown prefix {prefix} in {text}"),
            };
            return new Step(ns + name[(colon + 1)..], name, condition);
        }
    }
}
