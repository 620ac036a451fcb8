using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Labs, and the answer to "does this lab exist" for configuration checks.</summary>
public sealed class LabService(LabDbContext db, TimeProvider time, IOptions<LabLimits> limits) : ILabDirectory
{
    public async Task<IReadOnlyList<Domain.Lab>> ListAsync(CancellationToken cancellationToken) =>
        await db.Labs.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<Domain.Lab> CreateAsync(LabInput input, CancellationToken cancellationToken)
    {
        var problems = new InputProblems();
        problems.Required("name", input.Name, limits.Value.LabNameMaxLength);
        problems.Required("code", input.Code, limits.Value.LabCodeMaxLength);
        if (problems.Count == 0 && await db.Labs.AnyAsync(l => l.Code == input.Code.Trim(), cancellationToken))
        {
            problems.Add("code", "A lab with this code already exists.");
        }

        problems.ThrowIfAny();
        var lab = new Domain.Lab { Name = input.Name.Trim(), Code = input.Code.Trim(), CreatedAt = time.GetUtcNow() };
        db.Labs.Add(lab);
        await db.SaveChangesAsync(cancellationToken);
        return lab;
    }

    public Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken) =>
        db.Labs.AnyAsync(l => l.Id == labId, cancellationToken);
}
