using System.Text;
using System.Xml.Linq;

namespace Comptoir.FacturX.Validation.Engine;

/// <summary>An XPath-like location of a node (/rsm:CrossIndustryInvoice/ram:X[2]/@schemeID), for findings.</summary>
internal static class ElementPath
{
    public static string Of(XObject node)
    {
        var steps = new List<string>();
        var element = node as XElement;
        if (node is XAttribute attribute)
        {
            steps.Add("@" + attribute.Name.LocalName);
            element = attribute.Parent;
        }

        for (; element is not null; element = element.Parent)
        {
            steps.Add(Step(element));
        }

        var path = new StringBuilder();
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            path.Append('/').Append(steps[i]);
        }

        return path.ToString();
    }

    private static string Step(XElement element)
    {
        var prefix = element.GetPrefixOfNamespace(element.Name.Namespace);
        var name = string.IsNullOrEmpty(prefix) ? element.Name.LocalName : prefix + ":" + element.Name.LocalName;
        if (element.Parent is null)
        {
            return name;
        }

        var position = 1;
        var count = 0;
        foreach (var sibling in element.Parent.Elements(element.Name))
        {
            count++;
            if (sibling == element)
            {
                position = count;
            }
        }

        return count > 1 ? $"{name}[{position}]" : name;
    }
}
