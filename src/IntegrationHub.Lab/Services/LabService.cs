using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Services;

/// <summary>Labs, and the answer to "does this lab exist" for configuration checks.</summary>
public sealed class LabService(LabDbContext db, TimeProvider time) : ILabDirectory
{
    public async Task<IReadOnlyList<Domain.Lab>> ListAsync(CancellationToken cancellationToken) =>
        await db.Labs.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<Domain.Lab> CreateAsync(LabInput input, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            problems.Add(new("name", "Required."));
        }

        if (string.IsNullOrWhiteSpace(input.Code))
        {
            problems.Add(new("code", "Required."));
        }
        else if (await db.Labs.AnyAsync(l => l.Code == input.Code.Trim(), cancellationToken))
        {
            problems.Add(new("code", $"A lab with code '{input.Code}' already exists."));
        }

        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }

        var lab = new Domain.Lab { Name = input.Name.Trim(), Code = input.Code.Trim(), CreatedAt = time.GetUtcNow() };
        db.Labs.Add(lab);
        await db.SaveChangesAsync(cancellationToken);
        return lab;
    }

    public Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken) =>
        db.Labs.AnyAsync(l => l.Id == labId, cancellationToken);
}
