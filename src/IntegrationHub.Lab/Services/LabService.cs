using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Labs: creating and renaming one, and the hub's <see cref="ILabDirectory"/> over them.</summary>
public sealed class LabService(LabDbContext db, TimeProvider time, IOptions<LabLimits> limits) : ILabDirectory, ILabAdministration
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

    /// <summary>The lab renamed, or null when there is no such lab.</summary>
    /// <exception cref="LabValidationException">The name is missing or too long.</exception>
    public async Task<Domain.Lab?> RenameAsync(long labId, string? name, CancellationToken cancellationToken)
    {
        var problems = new InputProblems();
        problems.Required("name", name, limits.Value.LabNameMaxLength);
        problems.ThrowIfAny();
        var lab = await db.Labs.FirstOrDefaultAsync(l => l.Id == labId, cancellationToken);
        if (lab is null)
        {
            return null;
        }

        lab.Name = name!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return lab;
    }

    /// <inheritdoc />
    async Task<LabChange> ILabAdministration.CreateLabAsync(string name, string code, CancellationToken cancellationToken)
    {
        try
        {
            return new LabChange(Summary(await CreateAsync(new LabInput(name, code), cancellationToken)), []);
        }
        catch (LabValidationException refused)
        {
            return LabChange.Refused(refused.Problems);
        }
    }

    /// <inheritdoc />
    async Task<LabChange> ILabAdministration.RenameLabAsync(long labId, string name, CancellationToken cancellationToken)
    {
        try
        {
            return new LabChange(await RenameAsync(labId, name, cancellationToken) is { } lab ? Summary(lab) : null, []);
        }
        catch (LabValidationException refused)
        {
            return LabChange.Refused(refused.Problems);
        }
    }

    private static LabSummary Summary(Domain.Lab l) => new() { Id = l.Id, Name = l.Name, Code = l.Code, CreatedAt = l.CreatedAt };

    /// <inheritdoc />
    public Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken) =>
        db.Labs.AnyAsync(l => l.Id == labId, cancellationToken);
}
