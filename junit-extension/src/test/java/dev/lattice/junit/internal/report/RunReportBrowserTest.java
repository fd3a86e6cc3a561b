package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.ExcludeCell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The run report of a real run (a pipeline, a service, a matrix with one failing cell, run through a launcher
 * against the real engine), opened in a real headless browser: Debian's chromium, driven by Selenium. Needs
 * {@code scripts/browser.sh}; without a browser it fails, naming the script.
 */
class RunReportBrowserTest {

    static final Path REPORT = Path.of("target", "lattice-report-browser-test");
    // Fresh per JVM: the pipeline's second step is built in every run, its first is cached (warmed below).
    static final String NONCE = UUID.randomUUID().toString();
    static final String FIRST_STEP = "echo the toolchain > /toolchain.txt";

    static WebDriver browser;
    static LauncherRun run;

    @BeforeAll
    static void runTheFixtureAndOpenItsReport() throws Exception {
        try (Engine engine = Engine.connect()) {
            engine.solve("warm-up", Container.from("debian:bookworm-slim").withExec("sh", "-c", FIRST_STEP));
        }
        run = LauncherRun.of(Fixture.class, REPORT,
                "lattice.matrix.filter=store=a|b|c",
                "junit.jupiter.execution.parallel.enabled=true",
                "junit.jupiter.execution.parallel.mode.default=concurrent");
        browser = chromium();
        browser.get(REPORT.resolve("index.html").toAbsolutePath().toUri().toString());
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGridHasEveryCellWithItsStatusAndThePageLogsNoErrors() throws Exception {
        assertThat(run.summary().getTestsSucceededCount()).isEqualTo(4);
        assertThat(run.summary().getTestsFailedCount()).isEqualTo(1);

        Map<String, String> statuses = new java.util.TreeMap<>();
        for (WebElement cell : browser.findElements(By.cssSelector("td.cell[data-cell]"))) {
            statuses.put(cell.getAttribute("data-cell"), cell.getAttribute("data-status"));
        }
        assertThat(statuses).containsOnlyKeys(
                "mode=fast, store=a", "mode=fast, store=b", "mode=fast, store=c", "mode=fast, store=d",
                "mode=slow, store=a", "mode=slow, store=b", "mode=slow, store=c", "mode=slow, store=d");
        assertThat(statuses).containsEntry("mode=fast, store=a", "PASSED").containsEntry("mode=fast, store=b", "PASSED")
                .containsEntry("mode=slow, store=a", "PASSED").containsEntry("mode=slow, store=b", "PASSED")
                .containsEntry("mode=slow, store=c", "FAILED")
                .containsEntry("mode=fast, store=c", "EXCLUDED");
        // Left out by the filter: shown as filtered, or as skipped where the extension skips them with a reason.
        assertThat(statuses.get("mode=fast, store=d")).isIn("FILTERED", "SKIPPED");
        assertThat(statuses.get("mode=slow, store=d")).isIn("FILTERED", "SKIPPED");
        // @MatrixTest(report = {"store", "mode"}): stores are the rows.
        assertThat(browser.findElement(By.cssSelector(".matrix select.row-axis")).getAttribute("value"))
                .isEqualTo("store");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("the browser console").isEmpty();

        Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, REPORT.resolve("screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void clickingTheFailingCellShowsItsFailureItsServiceLogsAndWhatItPublishedAsText() {
        browser.findElement(By.cssSelector("td.cell[data-cell='mode=slow, store=c']")).click();

        WebElement detail = browser.findElement(By.id("detail"));
        assertThat(browser.findElement(By.id("detail-title")).getText()).isEqualTo("slow on c");
        assertThat(detail.findElement(By.cssSelector(".unique-id")).getText())
                .startsWith("[engine:junit-jupiter]/[class:" + Fixture.class.getName() + "]")
                .contains("[test-template-invocation:#");
        assertThat(detail.findElement(By.cssSelector(".failure-message")).getText())
                .isEqualTo("java.lang.AssertionError: store c lost the flag");
        assertThat(detail.findElement(By.cssSelector(".failure-trace")).getAttribute("textContent"))
                .contains("at " + Fixture.class.getName() + ".cell(");
        String logs = detail.findElement(By.cssSelector(".service-logs")).getAttribute("textContent");
        assertThat(logs).contains("Last 2 log lines of service \"talker\":")
                .contains("talker: <script>document.title='injected'</script> serving flags");
        assertThat(detail.findElement(By.cssSelector(".services")).getText()).startsWith("talker (container ");
        assertThat(detail.findElement(By.cssSelector(".entries")).getText()).contains("checked <b>c</b>");
        assertThat(detail.findElement(By.cssSelector(".files")).getAttribute("textContent"))
                .contains("inner-tests/TEST-inner.xml").contains("<testsuite name=\"inner\" tests=\"1\"/>");

        // What the page shows is text: no script or markup from the data became part of the page.
        assertThat(browser.getTitle()).isEqualTo("Lattice run report");
        assertThat(detail.findElements(By.tagName("script"))).isEmpty();
        assertThat(detail.findElements(By.tagName("b"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.injected === undefined")).isEqualTo(true);
    }

    @Test
    void thePipelineShowsEachStepCachedOrBuiltAndTheTimelineShowsServicesAndCells() {
        WebElement pipeline = browser.findElement(By.cssSelector(".pipeline[data-name='app']"));
        List<WebElement> steps = pipeline.findElements(By.cssSelector(":scope > .steps > .step"));
        // The two execs, then the engine's own step that sets the image's configuration.
        assertThat(steps).extracting(step -> step.getAttribute("data-status"))
                .containsExactly("CACHED", "BUILT", "BUILT");
        assertThat(steps.get(2).getText()).contains("CONFIG");
        assertThat(steps.get(0).getText()).contains("#1 CACHED").contains("RUN sh -c " + FIRST_STEP);
        assertThat(steps.get(1).getText()).contains("#2 BUILT").contains("RUN sh -c echo " + NONCE)
                // Why it missed, as lattice.explain says: a new definition, or no earlier solve on this machine.
                .containsPattern("changed: (definition changed: was 'RUN sh -c echo .*|no earlier solve .*)");
        assertThat(steps.get(1).getAttribute("class")).contains("critical");

        WebElement timeline = browser.findElement(By.id("timeline"));
        assertThat(timeline.findElements(By.cssSelector(".bar.starting"))).isNotEmpty();
        assertThat(timeline.findElements(By.cssSelector(".bar.running"))).isNotEmpty();
        assertThat(timeline.findElements(By.cssSelector(".bar.PASSED"))).hasSize(4);
        assertThat(timeline.findElements(By.cssSelector(".bar.FAILED"))).hasSize(1);
        assertThat(timeline.findElements(By.cssSelector(".bar.BUILT.critical"))).isNotEmpty();
    }

    @Test
    void thePageIsOneSelfContainedFileThatLoadsNothing() throws Exception {
        String page = Files.readString(REPORT.resolve("index.html"));
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//")
                .doesNotContain("<script>document.title");
        assertThat(Files.size(REPORT.resolve("index.html"))).isLessThan(2_000_000);
        assertThat(LatticeReport.read(REPORT).get("format")).isEqualTo("lattice-report/1");
    }

    private static WebDriver chromium() {
        String binary = executable("LATTICE_CHROMIUM", "chromium");
        String driver = executable("LATTICE_CHROMEDRIVER", "chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,1100");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String executable(String variable, String name) {
        Optional<String> configured = Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank());
        Optional<String> found = configured.or(() -> Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString).findFirst());
        return found.orElseThrow(() -> new AssertionError("No " + name + " on PATH (nor " + variable + " set): the"
                + " run report's browser test needs Debian's chromium and chromium-driver; run"
                + " 'bash scripts/browser.sh' (as root), or set " + variable + " to its path"));
    }

    @Lattice
    static class Fixture {

        /** Two steps: the first is cached (the test warms it), the second new in every JVM. */
        @PipelineContainer
        static Container app() {
            return Container.from("debian:bookworm-slim")
                    .withExec("sh", "-c", FIRST_STEP)
                    .withExec("sh", "-c", "echo " + NONCE + " > /nonce.txt");
        }

        @ServiceContainer
        static ServiceSpec talker(@PipelineContainer("app") Image app) {
            return ServiceSpec.of(app)
                    .withCommand("sh", "-c", "echo \"talker: <script>document.title='injected'</script> serving"
                            + " flags\"; echo 'talker: <img src=x onerror=\"window.injected=1\">'; sleep infinity")
                    .waitingFor(Ready.logLine("serving flags", 1));
        }

        @MatrixTest(name = "{mode} on {store}", report = {"store", "mode"})
        @Axis(name = "mode", values = {"fast", "slow"})
        @Axis(name = "store", values = {"a", "b", "c", "d"})
        @ExcludeCell({"mode=fast", "store=c"})
        void cell(Cell cell, @ServiceContainer("talker") Service talker, TestReporter reporter) {
            reporter.publishEntry("checked", "checked <b>" + cell.get("store") + "</b>");
            reporter.publishDirectory("inner-tests", dir -> Files.writeString(dir.resolve("TEST-inner.xml"),
                    "<testsuite name=\"inner\" tests=\"1\"/>"));
            if (cell.is("store", "c")) {
                throw new AssertionError("store c lost the flag");
            }
        }
    }
}
