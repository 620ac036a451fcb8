using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Services;

/// <summary>Bill generation: the bill and its items, then Bill Generation (1) through the billing family.</summary>
public sealed class BillingService(LabDbContext db, LabUnitOfWork unitOfWork, BillingFamily family, TimeProvider time)
{
    public async Task<Changed<Bill>> GenerateAsync(long labId, BillInput input, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var problems = new List<ValidationProblem>();
        if (!await db.Patients.AnyAsync(p => p.Id == input.PatientId && p.LabId == labId, cancellationToken))
        {
            problems.Add(new("patientId", $"Patient {input.PatientId} does not exist in lab {labId}."));
        }

        if (input.Items.Count == 0)
        {
            problems.Add(new("items", "A bill needs at least one item."));
        }

        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            if (string.IsNullOrWhiteSpace(item.TestCode))
            {
                problems.Add(new($"items[{i}].testCode", "Required."));
            }

            if (item.Quantity < 1)
            {
                problems.Add(new($"items[{i}].quantity", "Must be at least 1."));
            }

            if (item.UnitPrice < 0)
            {
                problems.Add(new($"items[{i}].unitPrice", "Must not be negative."));
            }
        }

        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }

        return await unitOfWork.RunAsync(async ct =>
        {
            var bill = new Bill
            {
                LabId = labId,
                PatientId = input.PatientId,
                Number = string.IsNullOrWhiteSpace(input.Number) ? $"B-{time.GetUtcNow():yyyyMMddHHmmssfff}" : input.Number.Trim(),
                Currency = string.IsNullOrWhiteSpace(input.Currency) ? "INR" : input.Currency.Trim().ToUpperInvariant(),
                CreatedAt = time.GetUtcNow(),
                Items = [.. input.Items.Select(i => new BillItem { TestCode = i.TestCode!.Trim(), Description = i.Description ?? "", Quantity = i.Quantity, UnitPrice = i.UnitPrice })],
            };
            bill.Total = bill.Items.Sum(i => i.UnitPrice * i.Quantity);
            db.Bills.Add(bill);
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.BillGeneration, labId, bill.PatientId, bill.Id, "api", ct);
            return new Changed<Bill>(bill, raised.LogIds);
        }, cancellationToken);
    }
}
