using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A cookie-carrying HTTP client that signs in through the real login form, as a browser would.</summary>
public sealed partial class DashboardSession : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public DashboardSession(string baseUrl)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public HttpClient Client { get; }

    /// <summary>The Set-Cookie header of the session cookie from the last sign-in.</summary>
    public string SessionCookieHeader { get; private set; } = "";

    public async Task<bool> SignInAsync(string userName, string password)
    {
        var form = await Client.GetStringAsync("/login");
        var answer = await Client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Token(form),
        }));
        SessionCookieHeader = answer.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(".IntegrationHub.Session", StringComparison.Ordinal)) ?? ""
            : "";
        return answer.StatusCode == HttpStatusCode.Redirect && SessionCookieHeader.Length > 0;
    }

    /// <summary>Posts a dashboard form: reads the page first for its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string postPath, Dictionary<string, string> fields)
    {
        var page = await Client.GetStringAsync(pagePath);
        fields["__RequestVerificationToken"] = Token(page);
        return await Client.PostAsync(postPath, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Another client sending this session's cookies as they are now, as a copied cookie would be
    /// sent: it never takes a new or deleted cookie from an answer.
    /// </summary>
    public HttpClient CopyOfCookies()
    {
        var copy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", _cookies.GetCookieHeader(Client.BaseAddress!));
        return copy;
    }

    /// <summary>Signs out through the dashboard's sign-out form.</summary>
    public Task<HttpResponseMessage> SignOutAsync() => PostFormAsync("/", "/logout", []);

    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
