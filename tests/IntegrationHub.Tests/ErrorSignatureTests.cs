using IntegrationHub.Logging;

namespace IntegrationHub.Tests;

public sealed class ErrorSignatureTests
{
    private static string? Of(ErrorClass errorClass, string message, int? httpStatus = null) =>
        ErrorSignature.Of(new ErrorRecord(errorClass, message), httpStatus);

    [Fact]
    public void No_error_has_no_signature() => Assert.Null(ErrorSignature.Of(null, 503));

    [Fact]
    public void Numbers_in_the_message_become_hashes_but_the_status_stays_readable()
    {
        Assert.Equal(
            "HTTP 503: Partner answered 503 after # ms for id #",
            Of(ErrorClass.HttpStatus, "Partner answered 503 after 1234 ms for id 42", 503));
    }

    [Fact]
    public void What_an_operator_reads_survives_the_normalising()
    {
        Assert.Equal("HTTP 503: Partner answered 503 Service Unavailable.", Of(ErrorClass.HttpStatus, "Partner answered 503 Service Unavailable.", 503));
        Assert.Equal(
            "HTTP 422: HL7 v2.5 ORU^R01 refused: OBX # of patient MRN# at #",
            Of(ErrorClass.HttpStatus, "HL7 v2.5 ORU^R01 refused: OBX 14 of patient MRN48213 at 2026-12-04T18:19:13.320Z", 422));
        Assert.Equal(
            Of(ErrorClass.HttpStatus, "Sent at 2026-12-04 18:19 (id 7)", 500),
            Of(ErrorClass.HttpStatus, "Sent at 2025-01-31 09:01 (id 4210)", 500));
    }

    [Fact]
    public void Errors_that_differ_only_by_numbers_and_ids_share_a_signature()
    {
        Assert.Equal(
            Of(ErrorClass.Timeout, "No answer after 30.5 s from 10.0.0.12:8443 (request 3f2504e0-4f89-11d3-9a0c-0305e82c3301, trace 4bf92f3577b34da6)"),
            Of(ErrorClass.Timeout, "No answer after 9 s from 192.168.1.7:443 (request 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d, trace 00f067aa0ba902b7)"));
        Assert.Equal(
            Of(ErrorClass.HttpStatus, "Order req_9f86d081884c7d65 rejected at 2025-03-01T08:00:00Z", 409),
            Of(ErrorClass.HttpStatus, "Order req_1b4f0e9851971998 rejected at 2025-11-30T23:59:59Z", 409));
    }

    [Fact]
    public void Guids_and_long_hex_or_random_ids_become_an_ellipsis()
    {
        Assert.Equal(
            "Internal: Log … not found; token … expired; hash …",
            Of(ErrorClass.Internal, "Log 0195a1c2-7d3e-7c4f-9a1b-2c3d4e5f6a7b not found; token Xk3pQ9zLmN2rT8vW expired; hash 9f86d081884c7d65"));
    }

    [Fact]
    public void Words_are_kept_even_when_they_look_like_hex()
    {
        Assert.Equal("Configuration: Deadbeef cafe face added", Of(ErrorClass.Configuration, "Deadbeef cafe face added"));
    }

    [Fact]
    public void Quoted_values_are_replaced_but_apostrophes_in_words_are_not()
    {
        Assert.Equal(
            "HTTP 400: The partner's system refused patient '…' with \"…\"",
            Of(ErrorClass.HttpStatus, "The partner's system refused patient 'Jane Doe' with \"MRN already exists\"", 400));
        Assert.Equal(
            Of(ErrorClass.HttpStatus, "Field 'email' value 'a@b.org' is invalid", 422),
            Of(ErrorClass.HttpStatus, "Field 'email' value 'someone.else@example.com' is invalid", 422));
    }

    [Fact]
    public void White_space_is_collapsed()
    {
        Assert.Equal("Connection: Connection refused by host", Of(ErrorClass.Connection, "  Connection\r\n refused \t by   host \n"));
    }

    [Fact]
    public void Different_statuses_or_classes_give_different_signatures()
    {
        Assert.NotEqual(Of(ErrorClass.HttpStatus, "Partner answered", 502), Of(ErrorClass.HttpStatus, "Partner answered", 503));
        Assert.NotEqual(Of(ErrorClass.Timeout, "No answer"), Of(ErrorClass.Connection, "No answer"));
    }

    [Fact]
    public void The_status_of_the_answer_wins_over_the_errors_own()
    {
        Assert.Equal("HTTP 502: Bad Gateway", ErrorSignature.Of(new ErrorRecord(ErrorClass.HttpStatus, "Bad Gateway", 500), 502));
        Assert.Equal("HTTP 500: Bad Gateway", ErrorSignature.Of(new ErrorRecord(ErrorClass.HttpStatus, "Bad Gateway", 500), null));
    }

    [Fact]
    public void An_empty_message_leaves_the_class_and_status()
    {
        Assert.Equal("Auth 401", Of(ErrorClass.Auth, "", 401));
        Assert.Equal("Timeout", Of(ErrorClass.Timeout, "   "));
    }

    [Fact]
    public void Long_messages_are_cut_at_the_maximum_length()
    {
        var signature = Of(ErrorClass.HttpStatus, "Partner said: " + string.Concat(Enumerable.Repeat("no way ", 500)) + " id 12", 500);

        Assert.Equal(ErrorSignature.MaxLength, signature!.Length);
        Assert.StartsWith("HTTP 500: Partner said: no way no way", signature);
    }
}
