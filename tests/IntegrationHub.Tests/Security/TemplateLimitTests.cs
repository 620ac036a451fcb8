using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>
/// A lab admin's template cannot crash the process, fill its memory or run on: shapes that overflow
/// the parser's stack are refused before parsing, and every render is bounded in steps, sizes and time.
/// </summary>
public sealed class TemplateLimitTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("TPL");
    }

    public static TheoryData<string, string> Bombs => new()
    {
        { string.Concat(Enumerable.Repeat("{% if true %}", 1000)) + string.Concat(Enumerable.Repeat("{% endif %}", 1000)), "MaxNesting" },
        { string.Concat(Enumerable.Repeat("{% if true %}", 5000)) + string.Concat(Enumerable.Repeat("{% endif %}", 5000)), "MaxLength" },
        { "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}", "MaxNesting" },
        { "{{ " + string.Concat(Enumerable.Repeat("a[", 3000)) + "1" + new string(']', 3000) + " }}", "MaxNesting" },
        { "{{ patient.firstName" + string.Concat(Enumerable.Repeat(" | upcase", 5000)) + " }}", "MaxChain" },
        { "{{ patient.firstName" + string.Concat(Enumerable.Repeat(" | upcase", 100_000)) + " }}", "MaxLength" },
        { "{% if a" + string.Concat(Enumerable.Repeat(" or a", 5000)) + " %}x{% endif %}", "MaxChain" },
        { "{% liquid\n" + string.Concat(Enumerable.Repeat("if true\n", 2000)) + string.Concat(Enumerable.Repeat("endif\n", 2000)) + "%}", "MaxNesting" },
        { "{% for i in (1..100000000) %}x{% endfor %}", "MaxCollectionSize" },
        { "{% for i in (1..20000) %}{% for j in (1..20000) %}x{% endfor %}{% endfor %}", "MaxCollectionSize" },
        { "{% for i in (1..9000) %}{% for j in (1..9000) %}{% endfor %}{% endfor %}", "MaxSteps" },
        { "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}", "MaxOutputChars" },
        { "{% capture s %}xxxxxxxxxxxxxxxx{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}", "MaxOutputChars" },
        { "{% for i in (1..9000) %}" + new string('x', 200) + "{% endfor %}", "MaxOutputChars" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_hostile_template_is_refused_naming_its_limit_and_the_server_stays_up(string template, string limit)
    {
        var answer = await Hub.Client.PostAsJsonAsync("/api/integrations", new
        {
            labId = _lab, actionId = 57, name = "Bomb", url = Sink.Url("/bomb"),
            payload = new { format = "Liquid", contentType = "text/plain", template },
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var message = (await answer.ReadJsonAsync())["errors"]!["payload.template"]![0]!.GetValue<string>();
        Assert.Contains($"IntegrationHub:Templates:{limit}", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.GetAsync("/api/actions")).StatusCode);
        Assert.Empty((await Hub.Client.GetFromJsonAsync<JsonArray>($"/api/integrations?labId={_lab}"))!);
    }

    [Fact]
    public async Task A_template_cheap_on_the_sample_but_costly_on_real_data_fails_its_delivery_not_the_business_change()
    {
        const string cube = "{% for i in (1..patient.firstName.size) %}{% for j in (1..patient.firstName.size) %}{% for k in (1..patient.firstName.size) %}x{% endfor %}{% endfor %}{% endfor %}";
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/cube"), new { payload = new { format = "Liquid", contentType = "text/plain", template = cube } });
        var other = await Hub.Client.CreateLabAsync("TPL-B");
        await Hub.Client.CreateIntegrationAsync(other, 57, Sink.Url("/plain"));

        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_lab, "CUBE-1", firstName: new string('a', 100));
        var (_, otherIds) = await Hub.Client.RegisterPatientAsync(other, "PLAIN-1");

        var log = await Hub.Client.WaitForStatusAsync(logIds.Single(), "Fail");
        var error = log["log"]!["state"]!["lastAttempt"]!["error"]!;
        Assert.Equal("Configuration", error["class"]!.GetValue<string>());
        Assert.Contains("IntegrationHub:Templates:MaxSteps", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await Hub.Client.WaitForStatusAsync(otherIds.Single(), "Success");
        Assert.Empty(Sink.RequestsTo("/cube"));
    }

    [Fact]
    public async Task Templates_read_the_hubs_clock_in_utc()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/now"), new
        {
            payload = new { format = "Liquid", contentType = "text/plain", template = "{{ 'now' | date: '%z' }}" },
        });
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_lab, "NOW-1");
        await Hub.Client.WaitForStatusAsync(logIds.Single(), "Success");
        Assert.Equal("+0000", Sink.RequestsTo("/now").Single().Body);
    }
}
