using System.Text.RegularExpressions;

namespace IntegrationHub.Tests;

/// <summary>
/// Core's folders are layers: a folder uses only folders below it, so each can be read, tested and
/// replaced from the bottom up, and a backend author learns the seam (Storage) without the engine
/// above it. Checked on the sources: a type named in a folder (comments and strings aside) is one
/// declared in that folder or in a lower layer.
/// </summary>
public sealed partial class CoreLayeringTests
{
    // Lowest first; folders on one line are peers and may not use each other.
    private static readonly string[][] Layers =
    [
        ["(root)", "Actions", "Access", "Destinations", "Webhooks", "History"],
        ["Configuration"],
        ["Payloads"],
        ["Families"],
        ["Logging"],
        ["Queue"],
        ["Storage"],
        ["Spool", "Integrations", "Trigger", "Dispatch"],
        ["Retries"],
        ["Workers"],
        ["Hosting"],
    ];

    [Fact]
    public void Every_folder_of_Core_uses_only_the_folders_below_it()
    {
        var sources = CoreSources();
        var owners = TypeOwners(sources);
        var layerOf = Layers.SelectMany((folders, level) => folders.Select(f => (f, level))).ToDictionary(p => p.f, p => p.level);
        Assert.All(sources.Select(s => s.Folder).Distinct(), folder => Assert.True(layerOf.ContainsKey(folder), $"Core/{folder} has no layer in {nameof(Layers)}."));

        var upward = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (file, folder, text) in sources)
        {
            foreach (var name in Identifiers().Matches(Code(text)).Select(m => m.Value).Distinct())
            {
                if (owners.TryGetValue(name, out var owner) && owner != folder && layerOf[owner] >= layerOf[folder])
                {
                    upward.Add($"{file} ({folder}) uses {name} of {owner}");
                }
            }
        }

        Assert.Empty(upward);
    }

    [Fact]
    public void No_two_folders_of_Core_declare_a_type_of_the_same_name()
    {
        var clashes = CoreSources()
            .SelectMany(s => Declarations().Matches(s.Text).Select(m => (Name: m.Groups[1].Value, s.Folder)))
            .Distinct()
            .GroupBy(d => d.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.Folder))}");

        Assert.Empty(clashes);
    }

    [Fact]
    public void The_check_sees_a_use_across_folders_so_it_can_fail()
    {
        var owners = TypeOwners(CoreSources());

        Assert.Equal("Storage", owners["ILogStore"]);
        Assert.Equal("Workers", owners["DeliveryWorkerPool"]);
        Assert.Contains("ILogStore", Identifiers().Matches(Code("// IWorker\nprivate readonly ILogStore _logs = \"DeliveryWorkerPool\";")).Select(m => m.Value));
        Assert.DoesNotContain("DeliveryWorkerPool", Identifiers().Matches(Code("/// <see cref=\"DeliveryWorkerPool\"/>\nvar s = \"DeliveryWorkerPool\";")).Select(m => m.Value));
    }

    private static List<(string File, string Folder, string Text)> CoreSources()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "IntegrationHub.slnx")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var core = Path.Combine(folder.FullName, "src", "IntegrationHub.Core");
        var sources = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(core, path).Replace('\\', '/'))
            .Where(relative => !relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal))
            .Select(relative => (relative, relative.Contains('/') ? relative[..relative.IndexOf('/')] : "(root)", File.ReadAllText(Path.Combine(core, relative))))
            .ToList();
        Assert.True(sources.Count > 100, $"Only {sources.Count} sources found under {core}.");
        return sources;
    }

    private static Dictionary<string, string> TypeOwners(IEnumerable<(string File, string Folder, string Text)> sources)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, folder, text) in sources)
        {
            foreach (Match declaration in Declarations().Matches(text))
            {
                owners.TryAdd(declaration.Groups[1].Value, folder);
            }
        }

        return owners;
    }

    // The code of a file without its using lines, comments and string literals.
    private static string Code(string text) => Usings().Replace(CommentsAndStrings().Replace(text, " "), "");

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:static|sealed|abstract|partial|readonly|record)\s+)*(?:class|record|interface|enum|struct)\s+([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex Declarations();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?""(?:\\.|[^""\\])*""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();

    [GeneratedRegex(@"^using [^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex Usings();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifiers();
}
