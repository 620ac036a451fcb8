using Microsoft.Playwright;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Real headless Chromium (Debian's, at /usr/bin/chromium; scripts/install-test-packages.sh installs it),
/// driven by Playwright without its own browser download. One browser per test class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where page screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HUB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on the hub, signed in as <paramref name="userName"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string baseUrl, string userName, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        // Two cores shared with the server under test and the other test classes: a generous ceiling
        // keeps a slow first render from failing a wait that would succeed a moment later.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in stood, so a failure on a busy machine can be told from a refusal.
            var shot = $"sign-in-failed-{Guid.NewGuid():N}";
            await ScreenshotAsync(page, shot);
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new Xunit.Sdk.XunitException($"Signing in as {userName} did not leave {page.Url}: {body.ReplaceLineEndings(" ")[..Math.Min(body.Length, 300)]} (screenshot {shot}.png). {e.Message}");
        }

        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindScreenshotFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "IntegrationHub.slnx")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
    }
}
