using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Web.Api;

/// <summary>Log exports (<c>GET /api/logs/export.csv</c>), bound from <c>IntegrationHub:Export</c>.</summary>
public sealed class ExportOptions
{
    public const string Section = "IntegrationHub:Export";

    /// <summary>The most rows one CSV export holds, newest first; a larger match is cut and its last line says so. Default: 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 10_000;
}
