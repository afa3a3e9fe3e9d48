using System.Reflection;
using System.Text.RegularExpressions;
using Comptoir.Server;

namespace Comptoir.Server.Tests;

/// <summary>
/// The server's layout rule: a resource folder may use the infrastructure (Http, Storage, Jobs) and another resource
/// only through the types that resource marks [PublicSurface]; the infrastructure uses no resource at all. Read from the
/// sources (identifiers outside comments and strings) against the compiled assembly's types.
/// </summary>
public sealed partial class LayoutRulesTests
{
    private static readonly string[] Infrastructure = ["Http", "Storage", "Jobs"];

    [Fact]
    public void Resources_use_each_other_only_through_their_public_surface_and_infrastructure_uses_none()
    {
        var types = ServerTypesByName();
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ServerSourceDirectory(), "*.cs", SearchOption.AllDirectories))
        {
            var folder = FolderOf(file);
            if (folder is null || folder is "bin" or "obj")
            {
                continue; // the composition root (ComptoirServer, ServerOptions) may use everything
            }

            foreach (var name in Identifiers(File.ReadAllText(file)))
            {
                if (!types.TryGetValue(name, out var type))
                {
                    continue;
                }

                var owner = FolderOfNamespace(type.Namespace);
                if (owner is null || owner == folder || Infrastructure.Contains(owner))
                {
                    continue;
                }

                if (Infrastructure.Contains(folder))
                {
                    violations.Add($"{Relative(file)}: infrastructure uses {owner}.{name}");
                }
                else if (type.GetCustomAttribute<PublicSurfaceAttribute>() is null)
                {
                    violations.Add($"{Relative(file)}: uses {owner}.{name}, which {owner} does not mark [PublicSurface]");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void The_rule_sees_a_type_of_another_resource()
    {
        // Guards the test itself: the reading of identifiers and the map of types must find a known cross-resource use.
        var types = ServerTypesByName();
        Assert.Equal("Comptoir.Server.ClientInvoices", types["ClientInvoiceStore"].Namespace);
        Assert.Contains("ClientInvoiceStore", Identifiers("// ClientStore\nvar s = \"OrganizationStore\"; ClientInvoiceStore.X();"));
        Assert.DoesNotContain("ClientStore", Identifiers("// ClientStore\nvar s = \"OrganizationStore\"; ClientInvoiceStore.X();"));
        Assert.DoesNotContain("OrganizationStore", Identifiers("// ClientStore\nvar s = \"OrganizationStore\"; ClientInvoiceStore.X();"));
    }

    /// <summary>Top-level types of the server by simple name; a name defined twice is left out (it cannot be told apart).</summary>
    private static Dictionary<string, Type> ServerTypesByName() =>
        typeof(ComptoirServer).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is not null && !t.Name.Contains('<', StringComparison.Ordinal))
            .GroupBy(t => t.Name.Split('`')[0])
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single());

    private static HashSet<string> Identifiers(string source)
    {
        var code = CommentsAndStrings().Replace(source, " ");
        return [.. Identifier().Matches(code).Select(m => m.Value)];
    }

    private static string? FolderOfNamespace(string? ns)
    {
        const string prefix = "Comptoir.Server.";
        return ns is not null && ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..].Split('.')[0] : null;
    }

    private static string? FolderOf(string file)
    {
        var relative = Path.GetRelativePath(ServerSourceDirectory(), file);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    private static string Relative(string file) => Path.GetRelativePath(ServerSourceDirectory(), file);

    private static string ServerSourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Comptoir.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Comptoir.slnx not found above the test binaries."), "src", "Comptoir.Server");
    }

    // Comments, verbatim and raw strings, regular strings and characters: none of them is a use of a type.
    [GeneratedRegex("""//[^\n]*|/\*.*?\*/|\"\"\"[\s\S]*?\"\"\"|@"(?:[^"]|"")*"|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])+'""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();
}
