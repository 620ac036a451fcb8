using System.Diagnostics;
using System.Text.Json;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// A second, independent verifier for arbitrary bytes: a few lines of Python's <c>hmac</c>, run as a
/// real <c>python3</c> child process over a file of cases, one JSON object per line.
/// </summary>
public static class PythonHmac
{
    private const string Script = """
        import base64, hashlib, hmac, json, sys
        checked = bad = 0
        for line in open(sys.argv[1], encoding="utf-8"):
            case = json.loads(line)
            key = base64.b64decode(case["secret"][len("whsec_"):])
            signed = case["id"].encode() + b"." + str(case["timestamp"]).encode() + b"." + base64.b64decode(case["body"])
            expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            offered = case["signature"].split(" ")
            checked += 1
            if not any(hmac.compare_digest(expected, s) for s in offered):
                bad += 1
                print("mismatch at case", case["index"])
        print(f"checked {checked}, bad {bad}")
        """;

    public sealed record Case(int Index, string Secret, string Id, long Timestamp, byte[] Body, string Signature);

    /// <summary>Runs the script over <paramref name="cases"/>; returns its last output line, <c>checked N, bad M</c>.</summary>
    public static async Task<string> VerifyAsync(IReadOnlyList<Case> cases)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hub-hmac-{Guid.NewGuid():N}.jsonl");
        try
        {
            await File.WriteAllLinesAsync(file, cases.Select(c => JsonSerializer.Serialize(new
            {
                index = c.Index,
                secret = c.Secret,
                id = c.Id,
                timestamp = c.Timestamp,
                body = Convert.ToBase64String(c.Body),
                signature = c.Signature,
            })));
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(file);
            using var python = Process.Start(start)!;
            var output = python.StandardOutput.ReadToEndAsync();
            var errors = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(python.ExitCode == 0, $"python3 failed: {await errors}");
            return (await output).Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
