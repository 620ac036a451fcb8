using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Labs: creating one, and the hub's <see cref="ILabDirectory"/> over them.</summary>
public sealed class LabService(LabDbContext db, TimeProvider time, IOptions<LabLimits> limits) : ILabDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<LabSummary>> ListLabsAsync(CancellationToken cancellationToken) =>
        await db.Labs.AsNoTracking().OrderBy(l => l.Id).Select(l => new LabSummary { Id = l.Id, Name = l.Name, Code = l.Code, CreatedAt = l.CreatedAt }).ToListAsync(cancellationToken);

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
        var lab = new Domain.Lab { Name = input.Name.Trim(), Code = input.Code.Trim(), CreatedAt = time.StoredNow() };
        db.Labs.Add(lab);
        await db.SaveChangesAsync(cancellationToken);
        return lab;
    }

    /// <inheritdoc />
    public Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken) =>
        db.Labs.AnyAsync(l => l.Id == labId, cancellationToken);
}
