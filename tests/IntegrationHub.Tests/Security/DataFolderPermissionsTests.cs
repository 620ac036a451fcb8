using System.Runtime.Versioning;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;

namespace IntegrationHub.Tests.Security;

/// <summary>PHI at rest: nothing under the data folder may be opened by the group or by others.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests : IDisposable
{
    private const UnixFileMode GroupAndOthers = (UnixFileMode)0b000_111_111;
    private readonly TempDataFolder _data = new("hub-modes");

    public void Dispose() => _data.Dispose();

    /// <summary>A patient registered and a report signed, so the database, its WAL and a PDF exist.</summary>
    private static async Task WriteSomethingAsync(HttpClient client, string code)
    {
        var lab = await client.CreateLabAsync(code);
        var (patientId, _) = await client.RegisterPatientAsync(lab, $"{code}-1");
        var report = await client.PostOkAsync($"/api/labs/{lab}/reports", new { patientId, title = "Lipid profile", findings = "LDL 96 mg/dL." });
        await client.PostOkAsync($"/api/labs/{lab}/reports/{report["id"]}/sign", new { signedBy = "Dr. Kapoor" });
    }

    private List<string> Everything() =>
        [_data.Path, .. Directory.EnumerateFileSystemEntries(_data.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })];

    private void AssertOwnerOnly()
    {
        var entries = Everything();
        foreach (var file in TestBackend.Current.FilesInDataFolder)
        {
            Assert.Contains(entries, e => e.EndsWith(file, StringComparison.Ordinal));
        }

        Assert.Contains(entries, e => e.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}key-", StringComparison.Ordinal));
        var open = entries.Select(e => (Path: e, Mode: File.GetUnixFileMode(e))).Where(e => (e.Mode & GroupAndOthers) != 0).ToList();
        Assert.True(open.Count == 0, "readable by group or others: " + string.Join(", ", open.Select(e => $"{Path.GetRelativePath(_data.Path, e.Path)} {Convert.ToString((int)e.Mode, 8)}")));
    }

    [Fact]
    public async Task The_server_keeps_its_data_folder_and_every_file_in_it_owner_only()
    {
        using (var server = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string>()))
        {
            await WriteSomethingAsync(server.Client, "MODES");
            AssertOwnerOnly();
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data.Path));
    }

    [Fact]
    public async Task A_data_folder_left_readable_by_others_is_narrowed_at_the_next_start()
    {
        using (var first = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string>()))
        {
            await WriteSomethingAsync(first.Client, "OLD");
        }

        Directory.CreateDirectory(Path.Combine(_data.Path, "exports", "2024"));
        await File.WriteAllTextAsync(Path.Combine(_data.Path, "exports", "2024", "patients.csv"), "mrn\nOLD-1\n");
        foreach (var entry in Everything())
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }

        using var second = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string>());
        await WriteSomethingAsync(second.Client, "NEW");
        AssertOwnerOnly();
    }

    [Fact]
    public async Task The_in_process_server_writes_owner_only_files_without_the_process_umask()
    {
        await using var hub = await HubTestServer.StartAsync(dataFolder: _data.Path);
        hub.KeepDataFolder = true;
        await WriteSomethingAsync(hub.Client, "INPROC");
        AssertOwnerOnly();
    }

    [Fact]
    public void An_entry_another_process_deletes_while_the_folder_is_narrowed_is_passed_over()
    {
        // Several hub processes share one data folder and start together: one's write check (a file
        // it deletes at once) is listed by another, then gone when that one narrows it.
        var file = Path.Combine(_data.Path, ".write-check-gone");
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var listed = new FileInfo(file);
        File.Delete(file);

        IntegrationHub.Server.DataFolder.NarrowOne(listed);

        Assert.False(File.Exists(file));
    }
}
