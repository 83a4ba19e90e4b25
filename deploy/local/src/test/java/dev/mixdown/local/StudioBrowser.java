package dev.mixdown.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its chromedriver (both from {@code apt-get install chromium
 * chromium-driver}, which .ci/run does), for the web app's browser tests: the gateway's on the
 * test services, and the CLI's on the cluster that {@code ./mixdown up} starts. A missing browser
 * FAILS the test that needs it: the web app's tests never pass by being skipped.
 */
public final class StudioBrowser implements AutoCloseable {
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    public StudioBrowser() throws Exception {
        Path chromium = firstExecutable(System.getProperty("mixdown.chromium"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = firstExecutable(System.getProperty("mixdown.chromedriver"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        profile = Files.createTempDirectory("mixdown-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** The first of the given paths that is an executable file; fails (never skips) naming what to install. */
    private static Path firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new AssertionError("the browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium "
                + "chromium-driver, as .ci/run does); none of " + List.of(candidates) + " is an executable");
    }

    public WebDriverWait waiting(Duration d) {
        return new WebDriverWait(driver, d, Duration.ofMillis(100));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    /** Saves a screenshot of the page at both widths as {@code target/screenshots/{name}-desktop.png} and {@code -phone.png}, and checks the phone width needs no sideways scrolling. */
    public void screenshots(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            driver.manage().window().setSize(size);
            Thread.sleep(300);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + (size == PHONE ? "-phone" : "-desktop") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            double overflow = number("return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 1, name + " at " + size + " scrolls sideways by " + overflow + " px");
        }
    }

    /** What the page logged (errors, Content-Security-Policy violations) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
