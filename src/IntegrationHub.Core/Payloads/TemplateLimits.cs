using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Payloads;

/// <summary>
/// Bounds on an integration's Liquid template, so that no template (however hostile its author) can
/// crash the process, fill its memory or hold a worker or the business transaction. Checked before
/// parsing (length, nesting, chains), while rendering (steps, sizes, time), at save time and at
/// every render. Bound from <c>IntegrationHub:Templates</c>.
/// </summary>
public sealed class TemplateLimits
{
    public const string Section = "IntegrationHub:Templates";

    /// <summary>Longest template source, in characters. Default: 65,536.</summary>
    [Range(64, 1024 * 1024)]
    public int MaxLength { get; set; } = 64 * 1024;

    /// <summary>Deepest nesting of blocks (<c>if</c>, <c>for</c>, ...) and of brackets within one tag. Default: 32.</summary>
    [Range(1, 200)]
    public int MaxNesting { get; set; } = 32;

    /// <summary>Most filters and operators (<c>| upcase</c>, <c>and</c>, <c>==</c>) in one tag or output. Default: 64.</summary>
    [Range(1, 500)]
    public int MaxChain { get; set; } = 64;

    /// <summary>Most statements a render executes (each loop iteration counts). Default: 100,000.</summary>
    [Range(100, 100_000_000)]
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>Largest output, and largest string any filter, assignment or capture makes, in characters. Default: 1,048,576.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxOutputChars { get; set; } = 1024 * 1024;

    /// <summary>Most items in a list a template makes (a range such as <c>(1..n)</c>, a split, a concat). Default: 10,000.</summary>
    [Range(10, 10_000_000)]
    public int MaxCollectionSize { get; set; } = 10_000;

    /// <summary>Longest a render may run. It runs inside the business transaction, so keep it short. Default: 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
