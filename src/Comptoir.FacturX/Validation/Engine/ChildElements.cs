using System.Xml.Linq;

namespace Comptoir.FacturX.Validation.Engine;

/// <summary>
/// The child elements of one name, walked without allocating: <see cref="XContainer.Elements(XName)"/> allocates an
/// iterator per call, and the rules ask such questions thousands of times per invoice (every line's tax, rate, amount).
/// </summary>
internal readonly struct ChildElements(XElement? parent, XName name)
{
    public Enumerator GetEnumerator() => new(parent, name);

    public bool Any() => parent?.Element(name) is not null;

    public int Count()
    {
        var count = 0;
        foreach (var _ in this)
        {
            count++;
        }

        return count;
    }

    /// <summary>The first one, or null.</summary>
    public XElement? First() => parent?.Element(name);

    public struct Enumerator
    {
        private readonly XElement? parent;
        private readonly XName name;
        private XNode? next;

        public Enumerator(XElement? parent, XName name)
        {
            this.name = name;
            // A text-only element has no child element; asking its FirstNode would turn its text into a node (and
            // make every later read of its Value build a new string), so it is never asked.
            this.parent = parent is not null && parent.HasElements ? parent : null;
            next = this.parent?.FirstNode;
            Current = null!;
        }

        public XElement Current { get; private set; }

        public bool MoveNext()
        {
            while (next is not null)
            {
                var node = next;
                next = node.NextNode;
                if (node is XElement element && ReferenceEquals(element.Name, name))
                {
                    Current = element;
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>Entry points of <see cref="ChildElements"/>.</summary>
internal static class ElementWalk
{
    /// <summary>parent/name, as <see cref="XContainer.Elements(XName)"/> but without allocating; null has none.</summary>
    public static ChildElements Children(this XElement? parent, XName name) => new(parent, name);
}
