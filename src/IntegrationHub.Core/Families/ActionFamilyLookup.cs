using IntegrationHub.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Families;

/// <summary>The one way to register an action family and to find the one that implements an action.</summary>
public static class ActionFamilyLookup
{
    /// <summary>
    /// Registers <typeparamref name="TFamily"/> (scoped) as the implementation of <paramref name="family"/>:
    /// among every <see cref="IActionFamily"/>, and as an <see cref="ActionFamilyRegistration"/>, so a
    /// worker builds the family (and its dependencies, such as a database context) only when a
    /// delivery needs it.
    /// </summary>
    public static IServiceCollection AddActionFamily<TFamily>(this IServiceCollection services, ActionFamily family)
        where TFamily : class, IActionFamily
    {
        services.AddScoped<TFamily>();
        services.AddScoped<IActionFamily>(sp => sp.GetRequiredService<TFamily>());
        services.AddSingleton(new ActionFamilyRegistration(family, typeof(TFamily)));
        return services;
    }

    /// <summary>The registered family for <paramref name="action"/>'s family, or null when none is.</summary>
    public static IActionFamily? For(this IEnumerable<IActionFamily> families, ActionDefinition action) =>
        families.FirstOrDefault(f => f.Family == action.Family);
}
