package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.gateway.tenants.TenantBootstrap;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.WorkerRuntime;
import dev.mixdown.local.StudioBrowser;
import dev.mixdown.worker.mix.MixJobProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Mixdown Studio in a real Chromium against the gateway on the real services (PostgreSQL, Kafka,
 * S3Proxy) with a real mix worker: what a person does, from signing in to downloading a master
 * and the whole package, comparing a revision, retrying a failed job and cancelling a queued one. Screenshots of every page at 1280×800 and at a phone's width go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(value = StudioServices.class, restrictToAnnotatedClass = true)
@DisplayName("Mixdown Studio in a real browser")
class StudioBrowserIT {
    static final double SECONDS = 8;
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);

    @TestHTTPResource("/")
    URL base;

    @Inject
    TenantBootstrap tenants;

    static WorkerRuntime worker;
    static Thread workerThread;
    static ObjectStorage storage;
    static Path stems;

    @BeforeAll
    static void workerAndStems() throws Exception {
        storage = new ObjectStorage(RealServices.services.s3Endpoint(), RealServices.services.s3AccessKey(),
                RealServices.services.s3SecretKey(), "mixdown");
        Path work = Files.createTempDirectory("mixdown-studio-worker-");
        worker = new WorkerRuntime(new WorkerRuntime.Config(RealServices.services.kafkaBootstrap(), "mix-workers", JobKind.MIX, "studio-mix-1",
                3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(2), work), new MixJobProcessor(),
                storage);
        workerThread = new Thread(worker, "studio-mix-worker");
        workerThread.start();
        stems = demoStems(Files.createTempDirectory("mixdown-studio-stems-"));
    }

    @AfterAll
    static void stopWorker() throws Exception {
        worker.stop();
        workerThread.join(30_000);
        storage.close();
    }

    /** The demo song's four stems (drums, bass, chords, lead), as `./mixdown demo` generates them, plus two files that must be refused. */
    static Path demoStems(Path dir) throws Exception {
        DemoSong song = new DemoSong(44_100, SECONDS);
        for (int s = 0; s < DemoSong.STEMS.size(); s++) {
            song.writeStem(s, dir.resolve(DemoSong.STEMS.get(s) + ".wav"));
        }
        Files.writeString(dir.resolve("notes.txt"), "not audio");
        Files.copy(dir.resolve("bass.wav"), dir.resolve("bass;take2.wav"));
        return dir;
    }

    @Test
    @DisplayName("sign in, upload the demo stems, change a role, submit, follow to SUCCEEDED, switch A/B at matched loudness, read the report, download, revise")
    void wholeJourney() throws Exception {
        try (StudioBrowser b = new StudioBrowser()) {
            var d = b.driver;
            d.get(base.toString());

            // sign in: a wrong key is refused with its message; the right one is kept in this tab's session storage only
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            b.screenshots("01-sign-in");
            d.findElement(By.id("api-key")).sendKeys("not-a-key", Keys.ENTER);
            b.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-error"), "not known"));
            d.findElement(By.id("api-key")).clear();
            d.findElement(By.id("api-key")).sendKeys(RealServices.KEY_A, Keys.ENTER);
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
            assertEquals(RealServices.KEY_A, b.js("return sessionStorage.getItem('mixdown.apiKey')"));
            assertEquals(0L, b.js("return localStorage.length"), "nothing kept beyond the tab");

            // upload: four stems go up in parallel; a file that is not audio and a name the gateway refuses say why
            List<String> files = List.of("drums.wav", "bass.wav", "chords.wav", "lead.wav", "notes.txt", "bass;take2.wav");
            d.findElement(By.id("files")).sendKeys(String.join("\n", files.stream().map(f -> stems.resolve(f).toString()).toList()));
            b.waiting(Duration.ofSeconds(60)).until(x -> d.findElements(By.cssSelector("#uploads li")).size() == files.size()
                    && d.findElements(By.cssSelector("#uploads li[data-state=waiting], #uploads li[data-state=uploading], "
                            + "#uploads li[data-state=retrying]")).isEmpty());
            assertEquals("done", state(b, "drums.wav"));
            assertEquals("refused", state(b, "notes.txt"));
            assertTrue(uploadMessage(b, "notes.txt").contains("not an audio file"), uploadMessage(b, "notes.txt"));
            assertEquals("refused", state(b, "bass;take2.wav"));
            assertTrue(uploadMessage(b, "bass;take2.wav").contains("invalid file name"), "the gateway's own message: "
                    + uploadMessage(b, "bass;take2.wav"));
            assertEquals(1.0, b.number("return document.getElementById('overall').value"), 1e-9);

            // the stems table: roles from the names with the engine's table; change one, add a second target
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stems tbody tr"), 4));
            assertEquals("drums", role(b, "drums.wav").getFirstSelectedOption().getAttribute("value"));
            assertEquals("bass", role(b, "bass.wav").getFirstSelectedOption().getAttribute("value"));
            assertEquals("synth", role(b, "lead.wav").getFirstSelectedOption().getAttribute("value"));
            assertEquals("", role(b, "chords.wav").getFirstSelectedOption().getAttribute("value"), "no name rule: inferred from audio");
            role(b, "chords.wav").selectByValue("keys");
            d.findElement(By.cssSelector("#targets input[value=apple-music]")).click();
            b.screenshots("02-new-job");
            d.findElement(By.id("submit")).click();

            // follow live: the page shows the states the server-sent events bring, up to SUCCEEDED
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches("#/job/[0-9a-f-]{36}$"));
            String jobId = d.getCurrentUrl().replaceFirst(".*#/job/", "");
            Set<String> seen = followToEnd(b);
            assertTrue(seen.contains("RUNNING"), "the live status showed the job running: " + seen);
            JsonPath job = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            assertEquals("SUCCEEDED", job.getString("status"));
            JsonPath page = given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            assertEquals("keys", page.getString("stems.find { it.file == 'chords.wav' }.role"), "the changed role reached the job");
            assertEquals("keys", page.getString("report.stems.find { it.file.endsWith('chords.wav') }.role"), "and the engine used it");

            // A/B: play, switch, the position carries over and keeps advancing; gains match the reported loudness
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("player")));
            b.screenshots("03-result");
            List<Map<String, Object>> sources = page.getList("sources");
            assertEquals(List.of("original", "mix", "master", "master"), sources.stream().map(s -> s.get("kind")).toList(),
                    "the mix is offered beside its masters");
            String spotify = sourceId(sources, "spotify.wav");
            String apple = sourceId(sources, "apple-music.wav");
            d.findElement(By.id("play")).click();
            b.waiting(Duration.ofSeconds(20)).until(x -> activeTime(b) > 1.0);
            d.findElement(By.cssSelector(".source-btn[data-source='" + spotify + "']")).click();
            assertEquals(spotify, d.findElement(By.id("player")).getAttribute("data-active"));
            double atSwitch = activeTime(b);
            assertTrue(atSwitch > 1.0, "the new source starts where the old one was, not at 0: " + atSwitch);
            assertFalse((Boolean) b.js("return document.querySelector(\"audio[data-source='" + spotify + "']\").paused"));
            assertFalse((Boolean) b.js("return document.querySelector(\"audio[data-source='" + spotify + "']\").muted"));
            Thread.sleep(1000);
            assertTrue(activeTime(b) > atSwitch + 0.5, "it keeps playing after the switch");
            assertAppliedGains(b, sources);
            double spotifyLufs = lufs(sources, spotify);
            double appleLufs = lufs(sources, apple);
            assertEquals(appleLufs - spotifyLufs, gainDb(b, spotify) - gainDb(b, apple), 0.01,
                    "the louder master is turned down by exactly the reported loudness difference");
            assertEquals(-14.0, spotifyLufs, 0.2);
            assertEquals(-16.0, appleLufs, 0.2);
            double mixLufs = lufs(sources, sourceId(sources, "Mix"));
            assertTrue(mixLufs < spotifyLufs - 1, "the mix is the unmastered one, quieter than its masters: " + mixLufs);
            // keyboard: key 4 picks the fourth source
            d.findElement(By.id("play")).sendKeys("4");
            assertEquals(apple, d.findElement(By.id("player")).getAttribute("data-active"));
            // true levels: every gain is 0 dB
            d.findElement(By.id("match")).click();
            for (Map<String, Object> s : sources) {
                assertEquals(0.0, gainDb(b, (String) s.get("id")), 1e-9);
                assertEquals(1.0, b.number("return document.querySelector(\"audio[data-source='" + s.get("id") + "']\").volume"), 1e-9);
            }
            d.findElement(By.id("play")).click();

            // the report as a table: before and after, one column per program
            WebElement report = d.findElement(By.id("report-table"));
            assertTrue(report.getText().contains("Integrated loudness"), report.getText());
            assertTrue(report.getText().contains(String.format("%.1f LUFS", spotifyLufs)), report.getText());
            assertEquals(4, d.findElements(By.cssSelector("#report-stems tbody tr")).size());
            assertTrue(d.findElement(By.id("report-stems")).getText().contains("keys (given"), d.findElement(By.id("report-stems")).getText());
            assertFalse(d.findElements(By.cssSelector("#plots img")).isEmpty(), "the report's plots are shown");

            // download: the link's bytes are the master, on its target
            WebElement link = d.findElement(By.xpath("//section[@id='downloads']//a[text()='spotify.wav']"));
            HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, got.statusCode());
            assertEquals(Long.parseLong(link.getAttribute("data-bytes")), got.body().length);
            assertEquals("RIFF", new String(got.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            Path master = Files.createTempFile("studio-master-", ".wav");
            Files.write(master, got.body());
            assertEquals(-14.0, LoudnessAnalyzer.analyze(master).integratedLufs().getAsDouble(), 0.1);
            Files.delete(master);

            // the whole package: one ZIP the browser saves, with every output, the report and the plots
            Path saved = Files.createTempDirectory("mixdown-studio-downloads-");
            d.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", saved.toString()));
            d.findElement(By.id("download-all")).click();
            Path zip = saved.resolve("mixdown-" + jobId + ".zip");
            b.waiting(Duration.ofSeconds(60)).until(x -> Files.exists(zip)
                    && d.findElement(By.id("zip-status")).getText().endsWith("saved"));
            Map<String, byte[]> entries = StudioApiIT.unzip(Files.readAllBytes(zip));
            assertEquals(Set.of("spotify.wav", "apple-music.wav", "mix.wav", "report.json"),
                    entries.keySet().stream().filter(n -> !n.startsWith("plots/")).collect(java.util.stream.Collectors.toSet()));
            assertTrue(entries.keySet().stream().anyMatch(n -> n.startsWith("plots/plot-") && n.endsWith(".png")), "and the plots: "
                    + entries.keySet());
            assertArrayEquals(got.body(), entries.get("spotify.wav"), "the ZIP holds the very master the link serves");
            Path mixFile = saved.resolve("mix.wav");
            Files.write(mixFile, entries.get("mix.wav"));
            assertEquals(mixLufs, LoudnessAnalyzer.analyze(mixFile).integratedLufs().getAsDouble(), 0.1, "the mix, at its reported loudness");
            try (var tree = Files.walk(saved)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }

            // revision: turn the bass down 3 dB, master to Spotify only; the revision is linked and both play
            WebElement bassGain = d.findElement(By.cssSelector("#revise tr[data-file='bass.wav'] .gain"));
            bassGain.clear();
            bassGain.sendKeys("-3");
            d.findElement(By.cssSelector("#revise #targets input[value=apple-music]")).click();
            d.findElement(By.id("revise-submit")).click();
            b.waiting(Duration.ofSeconds(20)).until(x -> !d.getCurrentUrl().endsWith(jobId));
            String revisionId = d.getCurrentUrl().replaceFirst(".*#/job/", "");
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("revision-of")));
            followToEnd(b);
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("player")));
            assertEquals(jobId, d.findElement(By.id("revision-of")).getAttribute("href").replaceFirst(".*#/job/", ""));
            JsonPath revision = given().auth().oauth2(RealServices.KEY_A).get("/v1/studio/jobs/" + revisionId).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(-3.0, revision.getDouble("stems.find { it.file == 'bass.wav' }.gainDb"), 1e-9);
            assertEquals("keys", revision.getString("stems.find { it.file == 'chords.wav' }.role"), "the rest as before");
            assertEquals(List.of("original", "mix", "master", "previous-mix", "previous-master", "previous-master"),
                    revision.getList("sources.kind"), "the revision plays against the outputs of the job it revises");
            assertEquals(6, d.findElements(By.cssSelector("#player .source-btn")).size());
            d.findElement(By.id("play")).click();
            b.waiting(Duration.ofSeconds(20)).until(x -> activeTime(b) > 0.5);
            String before = revision.getString("sources.find { it.label == 'Before revision: spotify.wav' }.id");
            d.findElement(By.cssSelector(".source-btn[data-source='" + before + "']")).click();
            double atBefore = activeTime(b);
            Thread.sleep(700);
            assertTrue(atBefore > 0.4, "the switch keeps the position: " + atBefore);
            assertTrue(activeTime(b) > atBefore + 0.3, "the previous version plays on from the same position");
            d.findElement(By.id("play")).click();
            d.findElement(By.id("revision-of")).click();
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#revisions a")));
            assertTrue(d.findElement(By.cssSelector("#revisions a")).getAttribute("href").endsWith(revisionId));
            assertEquals(4, d.findElements(By.cssSelector("#player .source-btn")).size(), "the original stays playable");

            // the jobs list: counts, search, filter
            d.findElement(By.id("nav-jobs")).click();
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-table tbody tr[data-id]")));
            assertTrue(Integer.parseInt(counted(b, "SUCCEEDED")) >= 2);
            d.findElement(By.id("search")).sendKeys("chords");
            b.waiting(Duration.ofSeconds(10)).until(x -> d.findElements(By.cssSelector("#job-table tbody tr[data-id]")).size() == 2);
            new Select(d.findElement(By.id("status-filter"))).selectByValue("FAILED");
            b.waiting(Duration.ofSeconds(10)).until(x -> d.findElements(By.cssSelector("#job-table tbody tr[data-id]")).isEmpty());
            new Select(d.findElement(By.id("status-filter"))).selectByValue("");
            b.waiting(Duration.ofSeconds(10)).until(x -> d.findElements(By.cssSelector("#job-table tbody tr[data-id]")).size() == 2);
            b.screenshots("04-jobs");

            assertFalse(d.getCurrentUrl().contains(RealServices.KEY_A), "the key is never in a URL");
            List<String> problems = b.consoleErrors();
            assertTrue(problems.stream().noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught")),
                    "no script error and no blocked resource: " + problems);
        }
    }

    @Test
    @DisplayName("an upload that meets a network error says so, tries again and completes")
    void uploadRetriesAfterNetworkError() throws Exception {
        try (StudioBrowser b = new StudioBrowser()) {
            var d = b.driver;
            d.get(base.toString());
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            d.findElement(By.id("api-key")).sendKeys(RealServices.KEY_A, Keys.ENTER);
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
            // the upload gate is unreachable: every PUT of a file fails as a network error
            d.executeCdpCommand("Network.enable", Map.of());
            d.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/gate/*")));
            d.findElement(By.id("files")).sendKeys(stems.resolve("drums.wav").toString());
            b.waiting(Duration.ofSeconds(20)).until(x -> "retrying".equals(state(b, "drums.wav")));
            assertTrue(uploadMessage(b, "drums.wav").contains("network error; trying again"), uploadMessage(b, "drums.wav"));
            assertTrue(((String) b.js("return [...document.querySelectorAll('#uploads li')].find(li => li.dataset.file === 'drums.wav')"
                    + ".querySelector('.state').textContent")).matches("retrying \\(\\d\\)"), "the row names the attempt");
            d.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            b.waiting(Duration.ofSeconds(30)).until(x -> "done".equals(state(b, "drums.wav")));
            assertEquals("", uploadMessage(b, "drums.wav"));
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stems tbody tr"), 1));
            String key = d.findElement(By.cssSelector("#stems tbody tr")).getAttribute("data-key");
            assertTrue(storage.exists(key), "the file is in the store: " + key);
        }
    }

    @Test
    @DisplayName("in the jobs list, a failed job is retried and the retry runs, linked to it; a queued job is cancelled; a dispatched one offers no cancel")
    void retryAndCancelInTheJobsList() throws Exception {
        String key = "studio-browser-tenant-b";
        tenants.addKey("studio-b", "Tenant B", key);
        // a mix job whose stem is not audio fails at the worker
        String stem = ApiCalls.upload(key, "bass.wav", "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes(StandardCharsets.ISO_8859_1));
        String failed = given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("kind", "mix", "stems", List.of(Map.of("key", stem))))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        ApiCalls.awaitStatus(key, failed, "FAILED", JOB_TIMEOUT);
        // whatever made it fail is gone (here: the file is replaced in the store), so a retry can succeed
        byte[] bass = Files.readAllBytes(stems.resolve("bass.wav"));
        storage.put(stem, new ByteArrayInputStream(bass), bass.length);

        try (StudioBrowser b = new StudioBrowser()) {
            var d = b.driver;
            d.get(base.toString());
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            d.findElement(By.id("api-key")).sendKeys(key, Keys.ENTER);
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
            d.findElement(By.id("nav-jobs")).click();
            // the list re-renders every 3 s: rows are read in one script each, and clicks are repeated if a row was replaced under them
            b.waiting(Duration.ofSeconds(20)).until(x -> "FAILED".equals(listed(b, failed)));
            assertTrue(rowText(b, failed).contains("BAD_INPUT"), rowText(b, failed));
            clickInRow(b, failed, "button.retry");
            b.waiting(Duration.ofSeconds(20)).until(x -> listedIds(b).size() == 2);
            String retry = listedIds(b).stream().filter(id -> !id.equals(failed)).findFirst().orElseThrow();
            assertEquals(failed, given().auth().oauth2(key).get("/v1/jobs/" + retry).then().statusCode(200).extract().path("revisionOf"),
                    "the retry is linked to the failed job");
            b.waiting(JOB_TIMEOUT).until(x -> "SUCCEEDED".equals(listed(b, retry)));
            assertEquals("FAILED", listed(b, failed), "the failed job stays as it was");

            // one job in flight per tenant (StudioServices): with no master worker, the first waits DISPATCHED, the second QUEUED
            String input = ApiCalls.upload(key, "song.wav", ApiCalls.song(1));
            String dispatched = given().auth().oauth2(key).contentType(ContentType.JSON).body(ApiCalls.masterRequest(input)).post("/v1/jobs")
                    .then().statusCode(202).extract().path("id");
            ApiCalls.awaitStatus(key, dispatched, "DISPATCHED", Duration.ofSeconds(20));
            String queued = given().auth().oauth2(key).contentType(ContentType.JSON).body(ApiCalls.masterRequest(input)).post("/v1/jobs")
                    .then().statusCode(202).extract().path("id");
            b.waiting(Duration.ofSeconds(20)).until(x -> "QUEUED".equals(listed(b, queued)) && "DISPATCHED".equals(listed(b, dispatched)));
            assertEquals(0L, b.js("return document.querySelectorAll(`#job-table tr[data-id='${arguments[0]}'] button.cancel`).length", dispatched),
                    "only a queued job offers cancel");
            b.screenshots("05-jobs-retry-cancel");
            clickInRow(b, queued, "button.cancel");
            b.waiting(Duration.ofSeconds(20)).until(x -> "CANCELLED".equals(listed(b, queued)));
            assertEquals("CANCELLED", given().auth().oauth2(key).get("/v1/jobs/" + queued).then().statusCode(200).extract().path("status"));
            b.waiting(Duration.ofSeconds(10)).until(x -> List.of("1", "1", "1").equals(List.of(counted(b, "CANCELLED"), counted(b, "FAILED"),
                    counted(b, "SUCCEEDED"))));
            List<String> problems = b.consoleErrors();
            assertTrue(problems.stream().noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught")), problems.toString());
        }
    }

    private static By row(String jobId) {
        return By.cssSelector("#job-table tbody tr[data-id='" + jobId + "']");
    }

    /** The status the jobs list shows for the job, or null while it has no row. */
    private static String listed(StudioBrowser b, String jobId) {
        return (String) b.js("const r = document.querySelector(`#job-table tbody tr[data-id='${arguments[0]}']`); return r ? r.dataset.status : null",
                jobId);
    }

    private static String rowText(StudioBrowser b, String jobId) {
        return (String) b.js("return document.querySelector(`#job-table tbody tr[data-id='${arguments[0]}']`).textContent", jobId);
    }

    private static List<String> listedIds(StudioBrowser b) {
        return ((List<?>) b.js("return [...document.querySelectorAll('#job-table tbody tr[data-id]')].map(r => r.dataset.id)")).stream()
                .map(String::valueOf).toList();
    }

    private static String counted(StudioBrowser b, String status) {
        return (String) b.js("return document.querySelector(`#counts li[data-status=${arguments[0]}] strong`).textContent", status);
    }

    /** Clicks {@code button} in the job's row; again if the list was re-rendered under the click (which then never reached it). */
    private static void clickInRow(StudioBrowser b, String jobId, String button) {
        b.waiting(Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(x -> {
            b.driver.findElement(row(jobId)).findElement(By.cssSelector(button)).click();
            return true;
        });
    }

    /** Watches #job-status until the job ends; returns the statuses it showed. */
    private static Set<String> followToEnd(StudioBrowser b) {
        Set<String> seen = new LinkedHashSet<>();
        b.waiting(JOB_TIMEOUT).until(x -> {
            List<WebElement> status = b.driver.findElements(By.id("job-status"));
            if (!status.isEmpty()) {
                try {
                    seen.add(status.get(0).getText());
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                }
            }
            if (seen.contains("FAILED") || seen.contains("CANCELLED")) {
                throw new AssertionError("the job ended " + seen + ": " + b.driver.findElement(By.id("job-live")).getText());
            }
            return seen.contains("SUCCEEDED");
        });
        return seen;
    }

    private static String state(StudioBrowser b, String file) {
        return (String) b.js("return [...document.querySelectorAll('#uploads li')].find(li => li.dataset.file === arguments[0]).dataset.state", file);
    }

    private static String uploadMessage(StudioBrowser b, String file) {
        return (String) b.js("return [...document.querySelectorAll('#uploads li')].find(li => li.dataset.file === arguments[0])"
                + ".querySelector('.file-error').textContent", file);
    }

    private static Select role(StudioBrowser b, String file) {
        return new Select(b.driver.findElement(By.cssSelector("#stems tr[data-file='" + file + "'] select.role")));
    }

    private static double activeTime(StudioBrowser b) {
        return b.number("const id = document.getElementById('player').dataset.active;"
                + "return document.querySelector(`audio[data-source='${id}']`).currentTime");
    }

    private static double gainDb(StudioBrowser b, String source) {
        return Double.parseDouble((String) b.js("return document.querySelector(\"audio[data-source='" + source + "']\").dataset.gainDb"));
    }

    private static String sourceId(List<Map<String, Object>> sources, String label) {
        return (String) sources.stream().filter(s -> ((String) s.get("label")).endsWith(label)).findFirst().orElseThrow().get("id");
    }

    private static double lufs(List<Map<String, Object>> sources, String id) {
        return ((Number) sources.stream().filter(s -> s.get("id").equals(id)).findFirst().orElseThrow().get("integratedLufs")).doubleValue();
    }

    /** Each source plays at (quietest − its loudness) dB: data-gain-db says so and the element's volume applies it. */
    private static void assertAppliedGains(StudioBrowser b, List<Map<String, Object>> sources) {
        List<Double> all = new ArrayList<>();
        for (Map<String, Object> s : sources) {
            all.add(((Number) s.get("integratedLufs")).doubleValue());
        }
        double quietest = all.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        for (Map<String, Object> s : sources) {
            String id = (String) s.get("id");
            double expected = quietest - ((Number) s.get("integratedLufs")).doubleValue();
            assertEquals(expected, gainDb(b, id), 0.006, id);
            double volume = b.number("return document.querySelector(\"audio[data-source='" + id + "']\").volume");
            assertEquals(expected, 20 * Math.log10(volume), 0.01, "volume of " + id);
        }
    }
}
