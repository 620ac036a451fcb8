using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Server;

/// <summary>
/// The keys the hub reads under <c>IntegrationHub</c>: the bindable properties of every options
/// class that names its section in a <c>public const string Section</c>, found by reflection over
/// the hub's assemblies, so a new option (or a new options class that follows the convention) is
/// known without a list to keep up to date. Anything under a list or dictionary property is known.
/// </summary>
internal sealed class ConfigurationKeys
{
    public const string Root = "IntegrationHub";

    private readonly HashSet<string> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lists = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Type, string> _sections = [];

    private ConfigurationKeys()
    {
    }

    /// <summary>The keys of the options classes in this server's assemblies.</summary>
    public static ConfigurationKeys Known { get; } = Discover();

    /// <summary>The section an options class is bound from, or null for a class bound from none.</summary>
    public string? SectionOf(Type optionsType) => _sections.GetValueOrDefault(optionsType);

    /// <summary>Every key set under <c>IntegrationHub</c> that no option reads, with the likely intended key when one is close.</summary>
    public IReadOnlyList<(string Key, string? Suggestion)> Unknown(IConfiguration configuration) =>
        [.. configuration.GetSection(Root).AsEnumerable()
            .Where(e => e.Value is not null && e.Key.Contains(':', StringComparison.Ordinal) && !IsKnown(e.Key))
            .Select(e => e.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(key => (key, KeySuggestions.Closest(key, _settings, _lists)))];

    private bool IsKnown(string key) =>
        _settings.Contains(key) || _lists.Any(list => key.Equals(list, StringComparison.OrdinalIgnoreCase) || key.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase));

    private static ConfigurationKeys Discover()
    {
        var keys = new ConfigurationKeys();
        foreach (var type in HubAssemblies().SelectMany(LoadableTypes).Where(t => t.IsClass))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section
                && (section.Equals(Root, StringComparison.OrdinalIgnoreCase) || section.StartsWith(Root + ":", StringComparison.OrdinalIgnoreCase)))
            {
                keys._sections[type] = section;
                keys.Add(section, type, depth: 0);
            }
        }

        return keys;
    }

    private void Add(string path, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{path}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var settable = property.SetMethod?.IsPublic == true;
            if (property.GetIndexParameters().Length > 0 || property.GetMethod?.IsPublic != true || typeof(Delegate).IsAssignableFrom(propertyType))
            {
                continue;
            }

            if (IsValue(propertyType))
            {
                if (settable)
                {
                    _settings.Add(key);
                }
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                _lists.Add(key); // the binder fills a list or dictionary, settable or not
            }
            else if (depth < 4)
            {
                Add(key, propertyType, depth + 1);
            }
        }
    }

    /// <summary>What the binder reads from one string: primitives, enums, strings, times and anything with a string converter.</summary>
    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri)
        || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static List<Assembly> HubAssemblies()
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(ConfigurationKeys).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name?.StartsWith(Root, StringComparison.Ordinal) == true))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return [.. seen.Values];
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
