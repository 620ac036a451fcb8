using IntegrationHub.Actions;

namespace IntegrationHub.Trigger;

/// <summary>The one way to find the registered family that implements an action.</summary>
public static class ActionFamilyLookup
{
    /// <summary>The family registered for <paramref name="action"/>'s family, or null when none is.</summary>
    public static IActionFamily? For(this IEnumerable<IActionFamily> families, ActionDefinition action) =>
        families.FirstOrDefault(f => f.Family == action.Family);
}
