package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops console in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * {@code deploy/install-test-tools.sh}) against the running stack: a compensation appears in the live flow after
 * events are posted, and a pending decision is approved by clicking. Screenshots go to
 * {@code deploy/target/console-screenshots/}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("goodwill.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("goodwill.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static RunningStack stack;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void openBrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the console test needs Debian's chromium and chromedriver at %s and %s; install them with"
                        + " deploy/install-test-tools.sh (README, 'Tests')", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        stack = RunningStack.get();
        profile = Files.createTempDirectory("goodwill-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // This machine's network is closed: without the background-networking switches Chromium keeps dialling out.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void compensationAppearsInTheLiveFlowAfterEventsArePosted() throws Exception {
        browser.get(stack.baseUrl("audit-service") + "/console/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));

        String orderId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        postAnnouncedDelay(orderId, 12_999);

        WebElement fulfilled = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#flow-table tr[data-order='" + orderId + "'][data-type='" + EventTypes.FULFILMENT_RECORDED + "']")));
        assertThat(fulfilled.getText()).containsIgnoringCase("succeeded");
        assertThat(browser.findElements(By.cssSelector("#flow-table tr[data-order='" + orderId + "'][data-type='"
                + EventTypes.INCIDENT_OPENED + "']"))).hasSize(1);
        screenshot("live-flow");

        // The filter hides what does not match and shows what does.
        browser.findElement(By.cssSelector("#flow-filter input[name=market]")).sendKeys("FR");
        assertThat(browser.findElements(By.cssSelector("#flow-table tr[data-order='" + orderId + "']"))).isEmpty();
        browser.findElement(By.cssSelector("#flow-filter input[name=market]")).clear();
        browser.findElement(By.cssSelector("#flow-filter input[name=market]")).sendKeys("DE");
        assertThat(browser.findElements(By.cssSelector("#flow-table tr[data-order='" + orderId + "']"))).isNotEmpty();
    }

    @Test
    void pendingDecisionIsApprovedByClicking() throws Exception {
        String orderId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        // A lost parcel of a high-value order costs more than the sample policy grants without approval.
        postLostParcel(orderId, 89_900);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.DECISION_MADE));
        JsonNode decision = RunningStack.dataOf(stack.timeline(orderId), EventTypes.DECISION_MADE);
        assertThat(decision.path("outcome").asText()).as("decision %s", decision).isEqualTo("PENDING_APPROVAL");
        String decisionId = decision.path("decisionId").asText();

        browser.get(stack.baseUrl("audit-service") + "/console/#approvals");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        // The other test may have the console open already: the address then changes only its fragment, and the
        // console must follow it to the approvals tab without a reload.
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("nav button[data-tab=approvals]"), "class", "active"));
        WebElement actor = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reviewer input[name=actor]")));
        actor.clear();
        actor.sendKeys("ops-anna");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#reviewer select[name=role]")))
                .selectByValue(decision.path("requiredRole").asText("supervisor"));
        browser.findElement(By.id("approvals-refresh")).click();
        By card = By.cssSelector("article.pending[data-decision='" + decisionId + "']");
        WebElement pending = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
        assertThat(pending.getText()).contains(orderId).contains("Risk");
        screenshot("approval-queue");
        // The open queue is polled every 2 s; an unchanged card must keep its element, or a click can land on a
        // button that is being replaced.
        String before = pending.getAttribute("data-fingerprint");
        Thread.sleep(5_000);
        assertThat(pending.getAttribute("data-fingerprint")).as("card after two polls").isEqualTo(before);

        pending.findElement(By.cssSelector("button[data-action=approve]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-dialog")));
        browser.findElement(By.cssSelector("#review-form textarea[name=note]")).sendKeys("Checked with the carrier: lost.");
        browser.findElement(By.id("review-submit")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(card));

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.COMPENSATION_REQUESTED));
        JsonNode review = RunningStack.dataOf(stack.timeline(orderId), EventTypes.DECISION_REVIEWED);
        assertThat(review.path("action").asText()).isEqualTo("APPROVED");
        assertThat(review.path("actor").asText()).isEqualTo("ops-anna");
        screenshot("after-approval");
    }

    private void postAnnouncedDelay(String orderId, long valueMinor) throws Exception {
        DelayedOrder order = order(orderId, valueMinor);
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced());
    }

    private void postLostParcel(String orderId, long valueMinor) throws Exception {
        DelayedOrder order = order(orderId, valueMinor);
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        stack.post("incident-intake", "/api/carrier-events", """
                {"eventId":"%1$s-lost","carrier":"DHL","trackingNumber":"%1$s","status":"LOST",
                 "occurredAt":"%2$s","location":"Leipzig Hub"}
                """.formatted(order.trackingNumber(), order.now().minus(Duration.ofHours(1))));
    }

    private static DelayedOrder order(String orderId, long valueMinor) {
        return DelayedOrder.of(orderId, "c-" + orderId, tracking(orderId), valueMinor)
                .reachableAt(orderId + "@example.org", "de");
    }

    private static String tracking(String orderId) {
        return "JD" + orderId.replace("console-", "");
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).as("screenshot %s", target).isPositive();
    }
}
