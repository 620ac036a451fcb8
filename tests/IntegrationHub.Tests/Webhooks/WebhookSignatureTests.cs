using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Dispatch;
using IntegrationHub.Families;
using IntegrationHub.Payloads;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace IntegrationHub.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The test vector published with the Standard Webhooks specification.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_specifications_test_vector_signs_to_its_published_signature()
    {
        Assert.True(WebhookSignature.TryReadKey(VectorSecret, out var key));

        Assert.Equal(VectorSignature, WebhookSignature.Sign(key, VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody)));
        Assert.Equal(VectorSignature, PartnerVerifier.Sign(VectorSecret, VectorId, VectorTimestamp, VectorBody));
        Assert.True(WebhookSignature.Verify([key], VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody), "v1,bm90IGl0 " + VectorSignature));
        Assert.False(WebhookSignature.Verify([key], VectorId, VectorTimestamp + 1, Encoding.UTF8.GetBytes(VectorBody), VectorSignature));
    }

    [Fact]
    public void A_webhook_id_is_msg_and_the_log_id_and_reads_back_to_it()
    {
        var logId = Logging.IntegrationLog.NewId();

        var messageId = WebhookSignature.MessageIdFor(logId);

        Assert.Equal("msg_" + logId, messageId);
        Assert.True(WebhookSignature.TryReadLogId(messageId, out var read));
        Assert.Equal(logId, read);
        foreach (var foreign in new[] { null, "", "msg_", logId, "evt_" + logId, "msg_a b", "msg_x'; drop table", "msg_" + new string('a', 65) })
        {
            Assert.False(WebhookSignature.TryReadLogId(foreign, out _), $"'{foreign}' should not read as a log id");
        }
    }

    [Fact]
    public async Task Thousands_of_random_bodies_verify_with_the_StandardWebhooks_package_and_with_python_hmac()
    {
        var random = new Random(20261126);
        var now = WebhookSignature.TimestampOf(DateTimeOffset.UtcNow);
        var cases = new List<PythonHmac.Case>();
        var utf8Checked = 0;
        for (var i = 0; i < 3000; i++)
        {
            var secret = WebhookSignature.SecretPrefix + Convert.ToBase64String(RandomBytes(random, random.Next(16, 129)));
            var id = "msg_" + Convert.ToHexStringLower(RandomBytes(random, 12));
            var body = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 4096)),
                1 => Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 1500))),
                _ => Encoding.UTF8.GetBytes($$"""{"reportId":{{i}},"pdf":"{{Convert.ToBase64String(PdfLike(random))}}"}"""),
            };
            Assert.True(WebhookSignature.TryReadKey(secret, out var key));
            var signature = WebhookSignature.Sign(key, id, now, body);
            cases.Add(new PythonHmac.Case(i, secret, id, now, body, signature));

            // The package takes a string: it checks every body that is valid UTF-8 (the text and
            // base64 ones, and the rare random one); python checks all of them, as bytes.
            if (TryUtf8(body, out var text))
            {
                var headers = new HeaderDictionary
                {
                    [WebhookSignature.IdHeader] = id,
                    [WebhookSignature.TimestampHeader] = now.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [WebhookSignature.SignatureHeader] = signature,
                };
                new StandardWebhook(secret).Verify(text, headers);
                utf8Checked++;
            }
        }

        Assert.InRange(utf8Checked, 2000, 3000);
        Assert.Equal("checked 3000, bad 0", await PythonHmac.VerifyAsync(cases));
    }

    [Fact]
    public async Task A_streamed_body_is_signed_over_exactly_the_bytes_it_then_sends_from_a_source_that_cannot_seek()
    {
        var pdf = PdfLike(new Random(7), 700_000);
        var secrets = new[] { WebhookSignature.NewSecret(), WebhookSignature.NewSecret() };
        var keys = WebhookSigner.KeysOf(secrets);
        var parts = AttachmentPlaceholder.Split("""{"name":"Ünïcödé ✓ 検査","pdf":"@@hub-attachment:report_pdf@@"}""");
        var once = new AttachmentData(new ForwardOnlyStream(pdf), pdf.Length, "application/pdf");
        var attachments = new Dictionary<string, AttachmentData> { ["report_pdf"] = await AttachmentStreamContent.RereadableAsync(once, CancellationToken.None) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new AttachmentStreamContent(parts, attachments, "application/json") };

        await WebhookSigner.SignAsync(request, "msg_stream", 1_800_000_000, keys, CancellationToken.None);
        var sent = await request.Content.ReadAsByteArrayAsync();

        var expected = Encoding.UTF8.GetBytes($$"""{"name":"Ünïcödé ✓ 検査","pdf":"{{Convert.ToBase64String(pdf)}}"}""");
        Assert.Equal(expected, sent);
        var header = request.Headers.GetValues(WebhookSignature.SignatureHeader).Single();
        var signatures = header.Split(' ');
        Assert.Equal(2, signatures.Length);
        for (var i = 0; i < secrets.Length; i++)
        {
            Assert.Equal(PartnerVerifier.Sign(secrets[i], "msg_stream", 1_800_000_000, Encoding.UTF8.GetString(sent)), signatures[i]);
        }
    }

    [Fact]
    public async Task Without_keys_a_request_gets_id_and_timestamp_and_no_signature_replacing_any_configured_ones()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, "msg_forged");
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, "v1,forged");

        await WebhookSigner.SignAsync(request, "msg_real", 1_800_000_000, [], CancellationToken.None);

        Assert.Equal("msg_real", request.Headers.GetValues(WebhookSignature.IdHeader).Single());
        Assert.Equal("1800000000", request.Headers.GetValues(WebhookSignature.TimestampHeader).Single());
        Assert.False(request.Headers.Contains(WebhookSignature.SignatureHeader));
    }

    [Fact]
    public void A_stored_secret_that_is_not_whsec_fails_naming_its_position_not_its_value()
    {
        var failure = Assert.Throws<FormatException>(() => WebhookSigner.KeysOf([WebhookSignature.NewSecret(), "whsec_not-base64-secret-value"]));

        Assert.Contains("webhooks.signingSecrets[1]", failure.Message);
        Assert.DoesNotContain("not-base64-secret-value", failure.Message);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>ASCII, accented Latin, Greek, CJK and emoji (surrogate pairs): one to four UTF-8 bytes a character.</summary>
    private static string RandomText(Random random, int length)
    {
        (int From, int To)[] ranges = [(0x20, 0x7E), (0xA0, 0x17F), (0x391, 0x3C9), (0x4E00, 0x9FFF), (0x1F300, 0x1F64F), (0x0A, 0x0A)];
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var (from, to) = ranges[random.Next(ranges.Length)];
            text.Append(char.ConvertFromUtf32(random.Next(from, to + 1)));
        }

        return text.ToString();
    }

    private static byte[] PdfLike(Random random, int? length = null)
    {
        var header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8.ToArray();
        var body = RandomBytes(random, length ?? random.Next(0, 6000));
        return [.. header, .. body, .. "\n%%EOF\n"u8.ToArray()];
    }

    private static bool TryUtf8(byte[] body, out string text)
    {
        try
        {
            text = PartnerVerifier.StrictUtf8.GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>A source that can be read once, front to back, like a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
