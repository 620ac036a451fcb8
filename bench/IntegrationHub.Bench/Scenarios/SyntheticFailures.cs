using IntegrationHub.Logging;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Failures as partners produce them: a dozen kinds, each message carrying its own numbers, ids and
/// values, so that grouping by error signature has real work to do (many messages, few signatures).
/// </summary>
internal static class SyntheticFailures
{
    private static readonly string[] Vendors = ["Epic", "Cerner", "Meditech", "Athena", "Allscripts"];

    /// <summary>How many signatures the failures fall into: six kinds, one of them per vendor.</summary>
    public static int Signatures => 6 + Vendors.Length;

    public sealed record Failure(ErrorClass Class, int? HttpStatus, string Message, string Signature);

    public static Failure Next(Random random)
    {
        var (errorClass, status, message) = random.Next(10) switch
        {
            0 or 1 or 2 => (ErrorClass.HttpStatus, (int?)503, $"Partner answered 503 after {random.Next(5, 30_000)} ms for id {random.Next(1, 1_000_000)}"),
            3 => (ErrorClass.HttpStatus, 502, $"Bad gateway from 10.0.{random.Next(256)}.{random.Next(256)}: upstream {Guid.NewGuid()} closed"),
            4 => (ErrorClass.HttpStatus, 400, $"Patient '{(char)('A' + random.Next(26))}. Doe' rejected: MRN {random.Next(1, 99_999)} already exists"),
            5 => (ErrorClass.Auth, 401, $"Token {Guid.NewGuid():N} expired at {DateTimeOffset.UtcNow.AddSeconds(-random.Next(86_400)):O}"),
            6 => (ErrorClass.Timeout, null, $"No answer within {random.Next(5, 60)} s from partner-{random.Next(1, 20)}.example.org:443"),
            7 => (ErrorClass.Connection, null, $"Connection refused (10.1.{random.Next(256)}.{random.Next(256)}:{random.Next(1024, 65_535)})"),
            _ => (ErrorClass.HttpStatus, 422, $"{Vendors[random.Next(Vendors.Length)]} rejected the payload: field \"{random.Next(1, 40)}\" is invalid"),
        };
        var error = new ErrorRecord(errorClass, message, status);
        return new Failure(errorClass, status, message, ErrorSignature.Of(error, status)!);
    }
}
