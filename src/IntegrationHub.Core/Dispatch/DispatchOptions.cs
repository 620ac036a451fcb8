using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Dispatch;

/// <summary>How partners' answers are read, bound from the <c>IntegrationHub</c> section.</summary>
public sealed class DispatchOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>
    /// Longest silence allowed while a partner's (or a token endpoint's) answer is read; the whole
    /// exchange, body included, ends within the integration's timeout besides. Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest token endpoint answer read, in bytes; a larger one fails the attempt. Default: 64 KiB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxTokenAnswerBytes { get; set; } = 64 * 1024;
}
