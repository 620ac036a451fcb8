using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Domain;

/// <summary>The reference lab's relational database.</summary>
public sealed class LabDbContext : DbContext
{
    public LabDbContext(DbContextOptions<LabDbContext> options)
        : base(options)
    {
        // The search keys follow the values they are made of, whichever service changed them.
        SavingChanges += (_, _) =>
        {
            foreach (var entry in ChangeTracker.Entries())
            {
                if (entry.State is EntityState.Added or EntityState.Modified)
                {
                    switch (entry.Entity)
                    {
                        case Patient p:
                            p.NameKey = SearchKeys.Of($"{p.FirstName} {p.LastName}");
                            p.LastNameKey = SearchKeys.Of(p.LastName);
                            break;
                        case Report r:
                            r.TitleKey = SearchKeys.Of(r.Title);
                            break;
                    }
                }
            }
        };
    }

    public DbSet<Lab> Labs => Set<Lab>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Bill> Bills => Set<Bill>();

    public DbSet<BillItem> BillItems => Set<BillItem>();

    public DbSet<Sample> Samples => Set<Sample>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportDelivery> ReportDeliveries => Set<ReportDelivery>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Lab>(e =>
        {
            e.ToTable("lab_labs");
            e.HasIndex(l => l.Code).IsUnique();
        });
        modelBuilder.Entity<Patient>(e =>
        {
            e.ToTable("lab_patients");
            e.HasIndex(p => new { p.LabId, p.Mrn }).IsUnique();
            e.HasIndex(p => new { p.LabId, p.NameKey });
            e.HasIndex(p => new { p.LabId, p.LastNameKey });
            e.Property(p => p.NameKey).HasMaxLength(SearchKeys.MaxLength);
            e.Property(p => p.LastNameKey).HasMaxLength(SearchKeys.MaxLength);
            e.HasOne<Lab>().WithMany().HasForeignKey(p => p.LabId);
        });
        modelBuilder.Entity<Bill>(e =>
        {
            e.ToTable("lab_bills");
            e.HasIndex(b => new { b.LabId, b.Number }).IsUnique();
            e.HasOne<Patient>().WithMany().HasForeignKey(b => b.PatientId);
            e.HasMany(b => b.Items).WithOne().HasForeignKey(i => i.BillId);
            e.Property(b => b.Total).HasConversion<double>();
        });
        modelBuilder.Entity<BillItem>(e =>
        {
            e.ToTable("lab_bill_items");
            e.Property(i => i.UnitPrice).HasConversion<double>();
        });
        modelBuilder.Entity<Sample>(e =>
        {
            e.ToTable("lab_samples");
            e.HasIndex(s => new { s.LabId, s.Barcode }).IsUnique();
            e.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId);
        });
        modelBuilder.Entity<Report>(e =>
        {
            e.ToTable("lab_reports");
            e.HasIndex(r => new { r.LabId, r.TitleKey });
            e.Property(r => r.TitleKey).HasMaxLength(SearchKeys.MaxLength);
            e.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId);
            e.HasMany(r => r.Deliveries).WithOne().HasForeignKey(d => d.ReportId);
        });
        modelBuilder.Entity<ReportDelivery>(e => e.ToTable("lab_report_deliveries"));
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            // The primary key is the unique constraint two concurrent claims of one key meet on.
            e.ToTable("lab_idempotency_keys");
            e.HasKey(r => new { r.LabId, r.Key });
            e.Property(r => r.Key).HasMaxLength(255);
            // Unix milliseconds: SQLite compares integers, so expiry is an indexed range in SQL and LINQ alike.
            e.Property(r => r.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
            e.HasIndex(r => r.CreatedAt);
        });
    }
}
