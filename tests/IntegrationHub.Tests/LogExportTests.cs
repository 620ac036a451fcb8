using System.Net;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>The filtered log list as CSV: the filter's logs only, metadata only, quoted, safe to open in a spreadsheet, bounded.</summary>
public sealed class LogExportTests : HubTest
{
    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:Export:MaxRows"] = "3" };

    [Fact]
    public async Task The_export_holds_the_filtered_logs_with_hostile_text_quoted_and_kept_from_running_as_a_formula()
    {
        var lab = await Hub.Client.CreateLabAsync("EXPORT");
        Sink.Responder = r => Task.FromResult(r.Path == "/refuses"
            ? SinkResponse.WithStatus(400, "x")
            : SinkResponse.Ok("{}"));
        var refusing = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/refuses"), new { name = "=HYPERLINK(\"http://evil.example\",\"click\")", vendor = "@SUM(A1:A9)", maxAttempts = 1 });
        var (patientId, logIds) = await Hub.Client.RegisterPatientAsync(lab, "EXP-1", "Asha", "Rao, \"Jr\"");
        await Hub.Client.WaitForStatusAsync(logIds.Single(), "Fail");

        var answer = await Hub.Client.GetAsync($"/api/logs/export.csv?integrationId={refusing}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", answer.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = (await answer.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,createdAt,updatedAt,direction,labId,actionId,action,integrationId,integration,vendor,status", lines[0], StringComparison.Ordinal);
        var row = lines[1];
        Assert.StartsWith(logIds.Single() + ",", row, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'@SUM(A1:A9),Fail,1,400,HttpStatus,", row, StringComparison.Ordinal);
        Assert.Contains($",{patientId},,,,api,key:bootstrap", row, StringComparison.Ordinal);

        // Metadata only: no payload (the patient's name) whatever the caller's role.
        Assert.DoesNotContain("Rao", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_match_is_cut_at_the_bound_and_says_so_and_a_bad_filter_is_refused_by_name()
    {
        var lab = await Hub.Client.CreateLabAsync("EXPORTMANY");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/accepts"));
        var logs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            logs.AddRange((await Hub.Client.RegisterPatientAsync(lab, $"EXP-M{i}")).LogIds);
        }

        var text = (await Hub.Client.GetStringAsync($"/api/logs/export.csv?labId={lab}&direction=Outbound")).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(logs.AsEnumerable().Reverse().Take(3), lines.Skip(1).Take(3).Select(l => l.Split(',')[0]));
        Assert.Contains("cut at 3 rows", lines[4], StringComparison.Ordinal);

        var refused = await Hub.Client.GetAsync("/api/logs/export.csv?patientId=DEMO-001");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("patientId must be a whole number", StringComparison.Ordinal), problem);
        Assert.DoesNotContain("DEMO-001", problem, StringComparison.Ordinal);
    }
}
