using IntegrationHub.Actions;

namespace IntegrationHub.Families;

/// <summary>
/// Which type implements a family, known without building it (registered by
/// <see cref="ActionFamilyLookup.AddActionFamily{TFamily}"/>). A worker uses it to build the family
/// of a delivery only when the delivery needs it: for an attachment, or for a status callback the
/// family actually implements.
/// </summary>
public sealed record ActionFamilyRegistration(ActionFamily Family, Type Implementation)
{
    /// <summary>The family's type overrides <see cref="IActionFamily.OnDeliveryEndedAsync"/> (the interface's own does nothing).</summary>
    public bool ObservesDeliveries { get; } = Overrides(Implementation, nameof(IActionFamily.OnDeliveryEndedAsync));

    private static bool Overrides(Type implementation, string method)
    {
        var map = implementation.GetInterfaceMap(typeof(IActionFamily));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == method);
        return index < 0 || map.TargetMethods[index].DeclaringType != typeof(IActionFamily);
    }
}
