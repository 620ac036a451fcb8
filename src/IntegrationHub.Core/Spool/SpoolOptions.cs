using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Spool;

/// <summary>Where log records wait when no store takes them, bound from the <c>IntegrationHub</c> section.</summary>
public sealed class SpoolOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>
    /// Folder where a log record waits when the log store cannot take it at once (the store down,
    /// or the caller's transaction still holds a single-writer database); written into the store as
    /// soon as it answers. Default: <c>spool</c> under the working directory; the server puts it
    /// under its data folder.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string SpoolFolder { get; set; } = "spool";
}
