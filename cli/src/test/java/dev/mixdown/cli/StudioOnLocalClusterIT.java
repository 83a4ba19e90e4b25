package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.local.StudioBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a newcomer does: {@code ./mixdown up}, open the URL it prints, sign in with the key it
 * wrote, drop the demo stems, submit, and download the master, in a real Chromium against the
 * cluster's own processes (services, gateway, mix worker). The gateway's StudioBrowserIT covers
 * every page in depth on the test services; this one shows the same app works as `up` runs it.
 */
@DisplayName("Mixdown Studio on the cluster `up` starts")
class StudioOnLocalClusterIT {
    @TempDir
    Path work;
    Path data;

    @AfterEach
    void stop() {
        if (data != null) {
            CliRun.of("down", "--data", data.toString());
        }
    }

    @Test
    @DisplayName("open the printed URL, sign in with the printed key's file, upload the demo stems, submit, follow to SUCCEEDED and download the master at its target")
    void newcomerJourney() throws Exception {
        data = work.resolve("data");
        LocalClusterIT.ports(data);
        CliRun up = CliRun.of("up", "--data", data.toString(), "--mix-workers", "1", "--master-workers", "0");
        assertEquals(0, up.exit(), "up failed: " + up.err() + up.out());
        String url = LocalCluster.gatewayUrl(data);
        String key = LocalCluster.apiKey(data);
        List<Path> stems = demoStems(Files.createDirectories(work.resolve("stems")));

        try (StudioBrowser b = new StudioBrowser()) {
            var d = b.driver;
            d.get(url + "/");
            b.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            d.findElement(By.id("api-key")).sendKeys(key, Keys.ENTER);
            b.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));

            d.findElement(By.id("files")).sendKeys(String.join("\n", stems.stream().map(Path::toString).toList()));
            b.waiting(Duration.ofSeconds(120)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stems tbody tr"), stems.size()));
            b.waiting(Duration.ofSeconds(120)).until(x -> d.findElements(By.cssSelector("#uploads li[data-state=done]")).size() == stems.size());
            d.findElement(By.id("submit")).click();

            b.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches("#/job/[0-9a-f-]{36}$"));
            b.waiting(Duration.ofSeconds(300)).until(x -> {
                String now;
                try {
                    List<WebElement> status = d.findElements(By.id("job-status"));
                    now = status.isEmpty() ? "" : status.get(0).getText();
                } catch (StaleElementReferenceException replaced) {
                    return false; // the live status was redrawn between finding and reading it
                }
                if (now.equals("FAILED") || now.equals("CANCELLED")) {
                    throw new AssertionError("the job ended " + now + ": " + d.findElement(By.id("job-live")).getText());
                }
                return now.equals("SUCCEEDED");
            });
            b.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("player")));

            WebElement link = b.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//section[@id='downloads']//a[text()='spotify.wav']")));
            HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, got.statusCode());
            assertEquals("RIFF", new String(got.body(), 0, 4, StandardCharsets.US_ASCII));
            Path master = work.resolve("spotify.wav");
            Files.write(master, got.body());
            assertEquals(-14.0, LoudnessAnalyzer.analyze(master).integratedLufs().getAsDouble(), 0.2, "the master is at Spotify's target");
            assertEquals(List.of(), b.consoleErrors(), "the page logged no errors or policy violations");
        }
    }

    /** The demo song's stems, eight seconds, as `./mixdown demo` makes them. */
    private static List<Path> demoStems(Path dir) throws Exception {
        DemoSong song = new DemoSong(44_100, 8);
        List<Path> out = new ArrayList<>();
        for (int s = 0; s < DemoSong.STEMS.size(); s++) {
            Path p = dir.resolve(DemoSong.STEMS.get(s) + ".wav");
            song.writeStem(s, p);
            out.add(p);
        }
        return out;
    }
}
