using System.Text.Json.Nodes;

namespace IntegrationHub.Payloads;

/// <summary>
/// The context model of one event as a JSON object (<c>lab</c>, <c>patient</c>, <c>bill</c>, ...),
/// built by the family from live domain data. Canonical payloads serialise it; Liquid templates read it.
/// </summary>
public sealed class PayloadModel(JsonObject root)
{
    public JsonObject Root { get; } = root;

    /// <summary>A deep copy, so one integration's additions never leak into another's payload.</summary>
    public PayloadModel Clone() => new((JsonObject)Root.DeepClone());
}
