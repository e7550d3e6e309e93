package io.easyquant.admin;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The admin page in headless Chromium (Debian's chromium and chromium-driver; ops/test.sh installs them): a wrong
 * token is refused on the page, the operator's token shows ACTIVE, the kill-switch with its confirmation and reason
 * turns the page HALTED, and the engine really is HALTED with the command journaled. When the server goes away the
 * page says so. Screenshots go to target/screenshots/.
 */
@Tag("slow")
class AdminPageBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private AdminFixture fixture;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception
    {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
        {
            fail("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium " +
                "chromium-driver (ops/test.sh installs them when missing)");
        }
        fixture = AdminFixture.start(dir);
        fixture.trade();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--window-size=1440,900", "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium-profile")));
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (fixture != null)
        {
            fixture.close();
        }
    }

    @Test
    void shouldEngageTheKillSwitchFromThePageAndHaltTheEngine() throws Exception
    {
        final WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(fixture.server.url() + "/");

        final WebElement tokenField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
        tokenField.sendKeys("not-the-right-token");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Token refused (401)"));
        screenshot("admin-page-token-refused");

        tokenField.clear();
        tokenField.sendKeys(AdminFixture.OPERATOR_SECRET);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("trading-state"), "ACTIVE"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orders"), "BTC-USD"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rejections"), "max_position"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "QUOTE"));
        assertEquals("otto · operator", browser.findElement(By.id("who")).getText());
        for (final String chart : List.of("chart-pnl", "chart-position", "chart-latency"))
        {
            wait.until(driver -> attributes("#" + chart + " polyline", "points").stream()
                .anyMatch(points -> points.split(" ").length >= 2));
        }
        assertEquals(List.of("BTC-USD", "ETH-USD"), attributes("#chart-position polyline", "data-series"));
        assertEquals(List.of("p50", "p99"), attributes("#chart-latency polyline", "data-series"));
        screenshot("admin-page-active");

        browser.findElement(By.id("kill-engage")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-error"), "Say why"));
        assertEquals(TradingState.ACTIVE, fixture.engine.counters().get(EngineCounters.TRADING_STATE),
            "no reason, no command");
        browser.findElement(By.id("confirm-reason")).sendKeys("browser test: kill-switch drill");
        screenshot("admin-page-confirm");
        browser.findElement(By.id("confirm-ok")).click();

        wait.until(ExpectedConditions.textToBe(By.id("trading-state"), "HALTED"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-release")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orders"), "no open orders"));
        assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
        final List<AdminCommandCodec> commands = KillSwitchApiTest.journaledCommands(fixture);
        assertEquals(1, commands.size());
        assertEquals(AdminCommandType.KILL_ENGAGE, commands.get(0).command());
        assertEquals("otto", commands.get(0).principal());
        assertEquals("browser test: kill-switch drill", commands.get(0).reason());
        assertTrue(browser.findElement(By.id("notice")).getText().contains("Kill-switch engaged by you"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("halt"),
            "reason: browser test: kill-switch drill"));
        final String halt = browser.findElement(By.id("halt")).getText();
        assertTrue(halt.matches("Halted \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z · origin api · by otto from 127\\.0\\.0\\.1 · " +
            "reason: browser test: kill-switch drill"), halt);
        screenshot("admin-page-halted");

        fixture.server.close();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "SERVER UNREACHABLE"));
        assertTrue(browser.findElement(By.id("alert")).getText().contains("cannot be reached"));
        assertEquals("HALTED", browser.findElement(By.id("trading-state")).getText(), "the last state stays shown");
        screenshot("admin-page-unreachable");
    }

    /**
     * One attribute of every element matching {@code css}, read in one script run: the page redraws its charts on
     * every poll, so elements found in one call and read in the next may already have been replaced.
     */
    private List<String> attributes(final String css, final String name)
    {
        final Object values = ((JavascriptExecutor) browser).executeScript(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
            css, name);
        final List<String> out = new ArrayList<>();
        for (final Object value : (List<?>) values)
        {
            out.add(String.valueOf(value));
        }
        return out;
    }

    @Test
    void shouldSignInAndEngageTheKillSwitchFromThePageWithinASecondDuringABadTokenFlood() throws Exception
    {
        final WebDriverWait wait = new WebDriverWait(browser, WAIT);
        final WebDriverWait withinASecond = new WebDriverWait(browser, Duration.ofSeconds(1), Duration.ofMillis(10));
        browser.get(fixture.server.url() + "/");
        final WebElement tokenField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-token")));
        try (BadTokenFlood flood = BadTokenFlood.start(fixture.server.url(), 4))
        {
            flood.awaitAnswers(429, 200, WAIT);

            tokenField.sendKeys(AdminFixture.OPERATOR_SECRET);
            browser.findElement(By.id("login-submit")).click();
            withinASecond.until(ExpectedConditions.textToBe(By.id("trading-state"), "ACTIVE"));

            browser.findElement(By.id("kill-engage")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.findElement(By.id("confirm-reason")).sendKeys("page drill under a bad-token flood");
            browser.findElement(By.id("confirm-ok")).click();
            withinASecond.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "Kill-switch engaged by you"));
            assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
            wait.until(ExpectedConditions.textToBe(By.id("trading-state"), "HALTED"));
            screenshot("admin-page-halted-during-flood");
            assertEquals(0, flood.answers(200), flood.toString());
        }
        final List<AdminCommandCodec> commands = KillSwitchApiTest.journaledCommands(fixture);
        assertEquals(1, commands.size());
        assertEquals("page drill under a bad-token flood", commands.get(0).reason());
    }

    private void screenshot(final String name) throws IOException
    {
        Files.createDirectories(SCREENSHOTS);
        final File file = ((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
