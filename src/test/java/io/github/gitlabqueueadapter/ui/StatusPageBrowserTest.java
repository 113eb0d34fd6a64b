package io.github.gitlabqueueadapter.ui;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real browser: Debian's chromium, driven through Debian's chromedriver. Without them the test
 * says so and is skipped, unless {@code -Dbrowser.required=true} (CI) makes that a failure.
 */
@QuarkusTest
@TestProfile(WatchProfiles.Events.class)
@WithTestResource(GitLabWireMock.class)
class StatusPageBrowserTest {

    private static final String CHROMIUM = System.getProperty("browser.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("browser.driver", "/usr/bin/chromedriver");
    private static final ProjectRef PROJECT = ProjectRef.parse("it/browser");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @TestHTTPResource("/")
    URL page;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            String why = "no browser: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (Debian: apt-get install chromium chromium-driver)";
            if (Boolean.getBoolean("browser.required")) {
                fail(why);
            }
            System.out.println("StatusPageBrowserTest skipped: " + why);
            Assumptions.abort(why);
        }
        profile = Files.createTempDirectory("status-page-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // headless, and nothing that would reach out to the internet from this closed machine
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @Test
    void showsWhatTheQueuesEndpointSaysAndFollowsGitLabWithoutAReload() throws IOException {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        for (int poll = 0; poll < 6; poll++) { // a few minutes of history, so the chart has a line to draw
            List<String> jobs = new ArrayList<>(pendingJobs(1 + poll % 3 + poll, 4));
            jobs.add(runningJob(17));
            stubs.jobs("it/browser", jobs.toArray(String[]::new));
            poller.poll(PROJECT);
            clock.advance(Duration.ofSeconds(30));
        }
        stubs.jobs("it/hooked", runningJob(17, "docker"));
        poller.poll(ProjectRef.parse("it/hooked")); // and through it the pool "hooked": three queues at least
        browser.get(page.toString());
        List<Map<String, String>> shown = shown();
        assertFalse(shown.isEmpty(), "the page shows the queues");

        // every queue with a number: the page shows what GET /queues answers
        Map<String, Object> queues =
                given().get("/queues").then().statusCode(200).extract().as(Map.class);
        int compared = 0;
        for (Map<String, String> card : shown) {
            Map<?, ?> view = find(queues, card.get("kind"), card.get("name"));
            if (view.containsKey("pending")) {
                for (String field : List.of("pending", "running", "total", "forecastPending", "source")) {
                    if (card.get(field) != null) {
                        assertEquals(String.valueOf(view.get(field)), card.get(field), card + " " + field);
                    }
                }
                compared++;
            }
        }
        assertFalse(compared < 3, "compared " + compared + " queues");
        assertEquals("8", shown("it/browser").get("pending"));
        save("status-page.png");

        // GitLab changes; the page follows by itself
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        List<String> jobs = new ArrayList<>(pendingJobs(11, 4));
        jobs.add(runningJob(17));
        jobs.add(runningJob(18));
        stubs.jobs("it/browser", jobs.toArray(String[]::new));
        poller.poll(PROJECT);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "11".equals(shown("it/browser").get("pending")));
        assertEquals("2", shown("it/browser").get("running"));
        assertEquals(
                Boolean.TRUE,
                ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                "the numbers changed without a reload");
        assertEquals("true", shown("it/browser").get("chart"), "a chart is drawn");
        Map<String, String> chart = chart("it/browser");
        assertEquals("now", chart.get("times").split("\\|")[2], "a time axis: " + chart);
        assertTrue(chart.get("times").split("\\|")[0].matches("\\d\\d:\\d\\d"), "times of day: " + chart);
        assertTrue(chart.get("values").startsWith("0|"), "a value axis from 0: " + chart);
        assertEquals(chart.get("nowX"), chart.get("forecastStartX"), "the forecast starts at now: " + chart);
        List<String> states = shown().stream()
                .filter(c -> c.get("state") != null)
                .map(c -> c.get("state"))
                .toList();
        List<String> sorted = new ArrayList<>(states);
        sorted.sort(java.util.Comparator.comparingInt(List.of("unavailable", "stale", "fresh")::indexOf));
        assertEquals(sorted, states, "failing queues first");
        save("status-page-updated.png");
        saveCard("it/browser", "status-page-card.png");

        browser.manage().window().setSize(new Dimension(390, 844)); // a phone
        save("status-page-phone.png");
    }

    /**
     * What the page shows now, read in one script run: the page replaces its cards every few seconds, so elements
     * found one by one could go stale between two reads.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> shown() {
        return (List<Map<String, String>>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('[data-kind][data-name]')).map(function (el) {
                  var out = { kind: el.getAttribute('data-kind'), name: el.getAttribute('data-name'),
                              state: el.classList.contains('card') ? el.className.replace('card', '').trim() : null,
                              chart: String(el.querySelectorAll('svg polyline').length > 0) };
                  el.querySelectorAll('[data-field]').forEach(function (f) {
                    out[f.getAttribute('data-field')] = f.textContent.trim();
                  });
                  return out;
                });""");
    }

    /** The chart of a project's card: its axes' labels, where now is, and where the forecast line starts. */
    @SuppressWarnings("unchecked")
    private Map<String, String> chart(String project) {
        return (Map<String, String>) ((JavascriptExecutor) browser).executeScript("""
                var svg = document.querySelector("section[data-kind=project][data-name='" + arguments[0] + "'] svg");
                var labels = function (axis) {
                  return Array.from(svg.querySelectorAll('text[data-axis=' + axis + ']'))
                      .map(function (t) { return t.textContent.trim(); }).join('|');
                };
                var forecast = svg.querySelector('polyline[data-series=forecast]');
                return { times: labels('time'), values: labels('value'),
                         nowX: svg.querySelector('line.now').getAttribute('x1'),
                         forecastStartX: forecast ? forecast.getAttribute('points').split(' ')[0].split(',')[0] : '' };
                """, project);
    }

    private Map<String, String> shown(String project) {
        return shown().stream()
                .filter(c -> "project".equals(c.get("kind")) && project.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(project + " is not on the page"));
    }

    /** A screenshot of one card; tried again if the page replaced the card meanwhile. */
    private void saveCard(String project, String file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                var card = browser.findElement(
                        org.openqa.selenium.By.cssSelector("section[data-kind=project][data-name='" + project + "']"));
                Files.write(Path.of("target", file), card.getScreenshotAs(OutputType.BYTES));
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Map<?, ?> find(Map<String, Object> queues, String kind, String name) {
        String list = kind + "s";
        for (Object entry : (List<?>) queues.get(list)) {
            Map<?, ?> view = (Map<?, ?>) entry;
            if (name.equals(view.get("project")) || name.equals(view.get("name"))) {
                return view;
            }
        }
        throw new AssertionError(kind + " " + name + " is on the page but not in GET /queues");
    }

    private void save(String file) throws IOException {
        Path target = Path.of("target", file);
        Files.createDirectories(target.getParent());
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
