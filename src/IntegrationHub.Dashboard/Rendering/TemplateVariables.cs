using System.Text.Json.Nodes;
using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Payloads;

namespace IntegrationHub.Dashboard.Rendering;

/// <summary>
/// The variables a payload template of an action may use, read from the same sample model the
/// save-time validation renders over, so the reference never disagrees with what a template may name.
/// </summary>
public static class TemplateVariables
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The most variables listed per action.</summary>
    private const int MaxListed = 200;

    /// <summary>Each action's variables ("patient.mrn", "event.occurredAt", …) with a sample value, for the actions a family serves.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<(string Path, string Sample)>> Of(IEnumerable<IActionFamily> families)
    {
        var byFamily = families.ToList();
        var result = new Dictionary<int, IReadOnlyList<(string, string)>>();
        foreach (var action in ActionCatalog.All)
        {
            if (byFamily.FirstOrDefault(f => f.Family == action.Family) is not { } family)
            {
                continue;
            }

            var context = new EventContext { LabId = 1, ActionId = action.Id, OccurredAt = DateTimeOffset.UnixEpoch, Source = "api" };
            var model = DeliveryModel.For(family.SampleModel(action.Id), context, [], "sample-delivery-id");
            var paths = new List<(string, string)>();
            Walk(model.Root, "", paths);
            result[(int)action.Id] = paths;
        }

        return result;
    }

    private static void Walk(JsonNode? node, string path, List<(string, string)> paths)
    {
        if (paths.Count >= MaxListed)
        {
            return;
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Walk(child, path.Length == 0 ? name : $"{path}.{name}", paths);
                }

                break;
            case JsonArray a:
                paths.Add((path, $"a list of {a.Count}"));
                if (a.Count > 0)
                {
                    Walk(a[0], $"{path}[0]", paths);
                }

                break;
            default:
                // Relaxed escaping for reading ("+91", not "\u002B91"); Razor encodes it for the page.
                var sample = node?.ToJsonString(Readable) ?? "null";
                paths.Add((path, sample.Length > 60 ? sample[..60] + "…" : sample));
                break;
        }
    }
}
