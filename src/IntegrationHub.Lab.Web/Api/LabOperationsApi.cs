using System.Text;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Services;
using IntegrationHub.Lab.Web.Idempotency;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Inbound;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Web.Api;

/// <summary>
/// The reference lab's business operations. Each one changes domain data and raises its event
/// through its family; none of them names a URL, a header or a vendor.
/// </summary>
internal static class LabOperationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var limits = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<LabLimits>>().Value;
        var lab = api.MapGroup("/labs/{labId:long}").WithTags("Lab operations")
            .RequireAuthorization(HubPolicies.Operator).AddEndpointFilter<LabAccessFilter>().WithIntegrationLog()
            .WithMetadata(new RequestBodyLimit(limits.MaxJsonBodyBytes));

        lab.MapPost("/patients", async (long labId, PatientInput input, PatientService patients, CancellationToken ct) =>
        {
            var changed = await patients.RegisterAsync(labId, input, "api", ct);
            return Results.Created($"/api/labs/{labId}/patients/{changed.Entity.Id}", changed);
        }).WithName("RegisterPatient").WithIdempotency();

        lab.MapGet("/patients/{id:long}", async (long labId, long id, LabDbContext db, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.LabId == labId, ct) is not { } p)
            {
                return ApiProblems.NotFound($"Patient {id} does not exist in lab {labId}.");
            }

            await audit.RecordViewAsync(http.User, "patient.viewed", labId, $"patient {id}", ct);
            return Results.Ok(p);
        }).WithName("GetPatient");

        lab.MapPut("/patients/{id:long}", async (long labId, long id, PatientInput input, PatientService patients, CancellationToken ct) =>
            await patients.UpdateAsync(labId, id, input, ct) is { } changed
                ? Results.Ok(changed) : ApiProblems.NotFound($"Patient {id} does not exist in lab {labId}.")).WithName("UpdatePatient").WithIdempotency();

        lab.MapDelete("/patients/{id:long}", async (long labId, long id, PatientService patients, CancellationToken ct) =>
            await patients.DeleteAsync(labId, id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Patient {id} does not exist in lab {labId}."))
            .WithName("DeletePatient");

        lab.MapPost("/patients/bulk", async (long labId, HttpRequest request, PatientService patients, CancellationToken ct) =>
        {
            if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(detail: "Send the patients as text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            // leaveOpen: the inbound logger reads the buffered body after the handler.
            using var reader = new StreamReader(request.Body, request.GetTypedHeaders().ContentType?.Encoding ?? Encoding.UTF8, leaveOpen: true);
            var registered = await patients.BulkRegisterAsync(labId, await reader.ReadToEndAsync(ct), ct);
            return Results.Ok(new { count = registered.Count, patients = registered });
        }).WithName("BulkRegisterPatients").WithIdempotency().Accepts<string>("text/csv")
            .WithMetadata(new RequestBodyLimit(limits.MaxCsvBodyBytes));

        lab.MapPost("/bills", async (long labId, BillInput input, BillingService bills, CancellationToken ct) =>
        {
            var changed = await bills.GenerateAsync(labId, input, ct);
            return Results.Created($"/api/labs/{labId}/bills/{changed.Entity.Id}", changed);
        }).WithName("GenerateBill").WithIdempotency();

        lab.MapPost("/samples", async (long labId, SampleInput input, SampleService samples, CancellationToken ct) =>
        {
            var sample = await samples.CreateAsync(labId, input, ct);
            return Results.Created($"/api/labs/{labId}/samples/{sample.Id}", sample);
        }).WithName("CreateSample");

        lab.MapPost("/samples/{id:long}/receive", async (long labId, long id, SampleService samples, CancellationToken ct) =>
            await samples.ReceiveAsync(labId, id, ct) is { } changed
                ? Results.Ok(changed) : ApiProblems.NotFound($"Sample {id} does not exist in lab {labId}.")).WithName("ReceiveSample").WithIdempotency();

        lab.MapPost("/reports", async (long labId, ReportInput input, ReportService reports, CancellationToken ct) =>
        {
            var report = await reports.CreateAsync(labId, input, ct);
            return Results.Created($"/api/labs/{labId}/reports/{report.Id}", report);
        }).WithName("CreateReport");

        lab.MapPost("/reports/{id:long}/sign", async (long labId, long id, SignInput input, ReportService reports, CancellationToken ct) =>
            await reports.SignAsync(labId, id, input, ct) is { } changed
                ? Results.Ok(changed) : ApiProblems.NotFound($"Report {id} does not exist in lab {labId}.")).WithName("SignReport").WithIdempotency();

        lab.MapGet("/reports/{id:long}", async (long labId, long id, LabDbContext db, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await db.Reports.AsNoTracking().Include(r => r.Deliveries).FirstOrDefaultAsync(r => r.Id == id && r.LabId == labId, ct) is not { } r)
            {
                return ApiProblems.NotFound($"Report {id} does not exist in lab {labId}.");
            }

            await audit.RecordViewAsync(http.User, "report.viewed", labId, $"report {id}", ct);
            return Results.Ok(r);
        }).WithName("GetReport");

        lab.MapGet("/reports/{id:long}/pdf", async (long labId, long id, ReportPdfStore pdfs, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (pdfs.Open(labId, id) is not { } pdf)
            {
                return ApiProblems.NotFound($"Report {id} of lab {labId} has no signed PDF.");
            }

            await audit.RecordViewAsync(http.User, "report.pdf-viewed", labId, $"report {id}", ct);
            return Results.Stream(pdf.Content, "application/pdf", $"report-{id}.pdf");
        }).WithName("GetReportPdf");
    }
}
