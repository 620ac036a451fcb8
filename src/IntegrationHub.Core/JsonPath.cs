using System.Text.Json.Nodes;

namespace IntegrationHub;

/// <summary>Reads a value at a dotted path (<c>data.reference</c>, <c>items.0.id</c>) of a JSON text.</summary>
public static class JsonPath
{
    /// <summary>The value as text, or null when the text is not JSON or the path is absent.</summary>
    public static string? Find(string? json, string? path)
    {
        if (string.IsNullOrWhiteSpace(json) || string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        foreach (var segment in path.Split('.'))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
    }
}
