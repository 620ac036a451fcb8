using System.Reflection;
using IntegrationHub.Dashboard;
using IntegrationHub.Lab.Web;
using IntegrationHub.Web;

namespace IntegrationHub.Tests;

public sealed class CompositionBoundaryTests
{
    public static TheoryData<string> ReusableLayers => new()
    {
        typeof(WebServiceCollectionExtensions).Assembly.GetName().Name!,
        typeof(DashboardExtensions).Assembly.GetName().Name!,
    };

    private static bool IsLabOrEfCore(string name) =>
        name == "IntegrationHub.Lab" || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

    private static List<string> ReferencesOf(string assembly) =>
        [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];

    [Theory]
    [MemberData(nameof(ReusableLayers))]
    public void A_reusable_layer_references_neither_the_reference_lab_nor_EF_Core(string assembly)
    {
        var references = ReferencesOf(assembly);

        Assert.Contains("IntegrationHub.Core", references);
        Assert.DoesNotContain(references, IsLabOrEfCore);
    }

    [Fact]
    public void The_lab_web_part_is_where_the_lab_and_EF_Core_are_referenced()
    {
        var references = ReferencesOf(typeof(LabWebExtensions).Assembly.GetName().Name!);

        Assert.Contains("IntegrationHub.Lab", references);
        Assert.Contains(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}
