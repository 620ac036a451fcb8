using IntegrationHub.Actions;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Bill generation: the bill and its items, then Bill Generation (1) through the billing family.</summary>
public sealed class BillingService(LabDbContext db, LabUnitOfWork unitOfWork, BillingFamily family, TimeProvider time, IOptions<LabLimits> limits)
{
    public async Task<Changed<Bill>> GenerateAsync(long labId, BillInput input, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var problems = new InputProblems();
        BillRules.Check(input, limits.Value, problems);
        if (!await db.Patients.AnyAsync(p => p.Id == input.PatientId && p.LabId == labId, cancellationToken))
        {
            problems.Add("patientId", $"Patient {input.PatientId} does not exist in lab {labId}.");
        }

        problems.ThrowIfAny();
        return await unitOfWork.RunAsync(async ct =>
        {
            var number = string.IsNullOrWhiteSpace(input.Number) ? $"B-{time.GetUtcNow():yyyyMMddHHmmssfff}" : input.Number.Trim();
            if (await db.Bills.AnyAsync(b => b.LabId == labId && b.Number == number, ct))
            {
                throw LabValidationException.Of("number", "A bill with this number already exists in this lab.");
            }

            var bill = new Bill
            {
                LabId = labId,
                PatientId = input.PatientId,
                Number = number,
                Currency = string.IsNullOrWhiteSpace(input.Currency) ? "INR" : input.Currency.Trim().ToUpperInvariant(),
                CreatedAt = time.StoredNow(),
                Items = [.. input.Items.Select(i => new BillItem { TestCode = i.TestCode!.Trim(), Description = i.Description ?? "", Quantity = i.Quantity, UnitPrice = i.UnitPrice })],
            };
            bill.Total = BillRules.Total(bill.Items);
            db.Bills.Add(bill);
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.BillGeneration, labId, bill.PatientId, bill.Id, "api", ct);
            return new Changed<Bill>(bill, raised.LogIds);
        }, cancellationToken);
    }
}
