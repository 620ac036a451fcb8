using IntegrationHub.Dashboard.Rendering;
using IntegrationHub.Logging;
using IntegrationHub.Retries;
using IntegrationHub.Storage;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Logs;

public sealed class LogDetailModel(ILogReadModel logs, AuditTrail audit) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public IntegrationLog? Log { get; private set; }

    public IReadOnlyList<AttemptRecord> Attempts { get; private set; } = [];

    /// <summary>The partner's status callbacks about this delivery, oldest first.</summary>
    public IReadOnlyList<PartnerAcknowledgement> Acknowledgements { get; private set; } = [];

    /// <summary>The payload as first sent (or as prepared when no attempt recorded it), pretty-printed.</summary>
    public string? Original { get; private set; }

    /// <summary>Each later attempt that carried a payload, with its line diff against the first, or null when identical.</summary>
    public IReadOnlyList<(AttemptRecord Attempt, IReadOnlyList<PayloadDiff.Line>? Lines)> Diffs { get; private set; } = [];

    public bool CanRetry => CanOperate && Log is { Direction: LogDirection.Outbound, State.Status: LogStatus.Fail or LogStatus.Success };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (CanOperate)
        {
            await audit.RecordViewAsync(User, "log.payload-viewed", Log!.LabId, Log.Id, ct);
            BuildDiffs();
        }
        else
        {
            Log = LogRedaction.MetadataOnly(Log!);
            Attempts = [.. Attempts.Select(LogRedaction.MetadataOnly)];
            Acknowledgements = [.. Acknowledgements.Select(LogRedaction.MetadataOnly)];
        }

        return Page();
    }

    /// <summary>Retry now. A successful delivery is sent again only when the form that says so set <c>confirmed</c>; without it nothing is sent.</summary>
    public async Task<IActionResult> OnPostRetryAsync([FromServices] ManualRetryService retries, [FromForm] bool confirmed, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!CanOperate)
        {
            return Forbid();
        }

        if (Log!.State.Status == LogStatus.Success && !confirmed)
        {
            // A delivered report sent again is a second copy at the hospital: only on purpose.
            SetFlash("Not retried: this delivery already succeeded. Confirm that the partner is to receive it a second time.", "error");
            return RedirectToPage(new { id = Id });
        }

        var result = await retries.RetryAsync(Id, User.Actor(), ct);
        if (result.Status == ManualRetryStatus.Queued)
        {
            await audit.RecordAsync(User, "log.retried", Log!.LabId, Id, $"attempt {result.Attempt} to {Log.IntegrationName}", ct);
            SetFlash($"Retry queued as attempt #{result.Attempt}, rebuilt from live data.");
        }
        else
        {
            SetFlash($"Not retried: {result.Reason}", "error");
        }

        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await LabsAsync(ct);
        Log = await logs.GetAsync(Id, ct);
        if (Log is null || !Scope.Allows(Log.LabId))
        {
            Log = null;
            return false;
        }

        Attempts = await logs.GetAttemptsAsync(Id, ct);
        Acknowledgements = await logs.GetAcknowledgementsAsync(Id, ct);
        return true;
    }

    private void BuildDiffs()
    {
        var first = Attempts.FirstOrDefault(a => a.Request?.Body is not null);
        var originalBody = first?.Request?.Body ?? Log!.Payload;
        if (originalBody is null)
        {
            return;
        }

        Original = Format.WithAttachments(Format.Pretty(originalBody), first?.Request?.Attachments ?? []);
        var diffs = new List<(AttemptRecord, IReadOnlyList<PayloadDiff.Line>?)>();
        foreach (var attempt in Attempts.Where(a => a != first && a.Request?.Body is not null))
        {
            var text = Format.WithAttachments(Format.Pretty(attempt.Request!.Body), attempt.Request.Attachments);
            diffs.Add((attempt, PayloadDiff.Same(Original, text) ? null : PayloadDiff.Lines(Original, text)));
        }

        Diffs = diffs;
    }
}
