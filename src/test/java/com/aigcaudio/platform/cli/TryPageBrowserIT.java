package com.aigcaudio.platform.cli;

import com.aigcaudio.config.Settings;
import com.aigcaudio.testing.ExternalProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver), against {@code serve} on the
 * embedded emulator: submit and listen, a refused prompt, a wrong token, a reload. Screenshots go to
 * target/screenshots/ at desktop and phone sizes.
 */
class TryPageBrowserIT {
    private static final String TOKEN = "browser-test-token-0123456789";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static String withToken;
    private static String open;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        ExternalProgram.requireFiles("apt-get install chromium chromium-driver (.ci/run does)",
                "/usr/bin/chromium", "/usr/bin/chromedriver");
        Path dir = Files.createTempDirectory("serve-browser");
        withToken = serve(dir.resolve("token"), TOKEN);
        open = serve(dir.resolve("open"), null);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // As the machine's notes say: headless, and no background traffic to hosts this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Starts {@code serve --port 0} in this JVM and returns the URL it prints. */
    private static String serve(Path localDir, String token) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_STATE", "file:" + localDir.toString());
        env.put("AIGC_TASK_DEFAULTS", "{\"ModelName\":\"MiniMaxMusic\",\"SceneType\":\"music\"}");
        env.put("AIGC_LOG_LEVEL", "WARN");
        if (token != null) {
            env.put("AIGC_HTTP_TOKEN", token);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> ServeCommand.run(new String[] {"serve", "--port", "0", "--emulator-ms",
                "500,1500"}, out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new Settings(env::get)),
                "serve-" + localDir.getFileName());
        thread.setDaemon(true);
        thread.start();
        Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
        for (int i = 0; i < 200; i++) {
            Matcher m = url.matcher(printed.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("serve printed no URL: " + printed);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static void fresh(String base) {
        driver.get(base);
        ((JavascriptExecutor) driver).executeScript("localStorage.clear(); sessionStorage.clear();");
        driver.navigate().refresh();
    }

    private static void type(String id, String text) {
        byId(id).clear();
        byId(id).sendKeys(text);
    }

    private static List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).collect(Collectors.toList());
    }

    @Test
    void submit_withToken_progressesToDoneAndPlaysTheSoundtrack() throws Exception {
        fresh(withToken);
        assertEquals("MiniMaxMusic", byId("model").getAttribute("value"), "defaults pre-filled");
        assertEquals("music", byId("scene").getAttribute("value"));
        type("token", TOKEN);
        type("prompt", "Warm lo-fi beats for a cooking video");
        // A double click: one Idempotency-Key, one task.
        new org.openqa.selenium.interactions.Actions(driver).doubleClick(byId("submit")).perform();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Task created."));
        waiting(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Done."));
        waiting(10).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('player').readyState")).intValue() >= 1);
        double duration = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('player').duration")).doubleValue();
        assertTrue(duration > 0, "the emulator's WAV loaded: " + duration + " s");
        String src = byId("player").getAttribute("src");
        assertTrue(src.startsWith(withToken + "local/soundtracks/tasks/") && src.endsWith(".wav"), src);
        assertEquals(src, byId("download").getAttribute("href"));
        assertEquals(1, driver.findElements(By.cssSelector("#tasks li")).size(), "the double click made one task");
        assertEquals(List.of(), cspViolations());
        assertTrue(driver.getCurrentUrl().indexOf(TOKEN) < 0, "the token is never in the URL");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('current').scrollIntoView()");
        shot("desktop-done");
        driver.manage().window().setSize(new Dimension(390, 844));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('current').scrollIntoView()");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                "no sideways scrolling on a phone");
        shot("phone-done");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void everyControl_hasALabel_andTheStatusIsAnnounced() {
        fresh(withToken);
        Object unlabelled = ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll("
                + "'input,textarea,select')).filter(function (e) { return e.labels.length === 0; }).map(function (e) "
                + "{ return e.id; })");
        assertEquals(List.of(), unlabelled);
        assertEquals("polite", byId("message").getAttribute("aria-live"));
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void reload_keepsTheTaskList() {
        fresh(open);
        type("prompt", "Birdsong and a soft marimba");
        byId("prompt").sendKeys(Keys.TAB);
        // Keyboard only: focus the button and press Enter.
        driver.switchTo().activeElement();
        byId("submit").sendKeys(Keys.ENTER);
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tasks"),
                "Birdsong and a soft marimba"));
        driver.navigate().refresh();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tasks"),
                "Birdsong and a soft marimba"));
        assertTrue(byId("tokenBox").getAttribute("hidden") != null, "no token asked for when none is configured");
    }

    @Test
    void pageUnderAGatewayStage_callsTheApiUnderTheSameStage() {
        fresh(open + "release/");
        type("prompt", "Rain on a tin roof");
        byId("submit").click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Task created."));
        waiting(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Done."));
    }

    @Test
    void refusedPrompt_showsTheReviewMessage() throws Exception {
        fresh(open);
        type("prompt", "a violation of the rules");
        byId("submit").click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Content review refused this prompt"));
        assertEquals(0, driver.findElements(By.cssSelector("#tasks li")).size());
        shot("desktop-refused");
    }

    @Test
    void wrongToken_saysSoClearly() throws Exception {
        fresh(withToken);
        type("token", "not-the-token-at-all");
        type("prompt", "Epic trailer drums");
        byId("submit").click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "The access token was not accepted"));
        assertEquals(0, driver.findElements(By.cssSelector("#tasks li")).size());
        shot("desktop-wrong-token");
    }

    @Test
    void taskTheServerDoesNotKnow_stopsPollingAndSaysSo() {
        fresh(open);
        // Stored as the page stores its tasks: under its API route.
        ((JavascriptExecutor) driver).executeScript("var api = location.pathname.replace(/\\/?$/, '/') + "
                + "document.querySelector('meta[name=\"aigc-api\"]').content; localStorage.setItem('aigc-tasks:' + "
                        + "api, "
                + "JSON.stringify([{taskId: 'never-created-here', status: 'running', prompt: 'Ghost task'}]));");
        driver.navigate().refresh();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tasks"), "Ghost task — unknown"));
        driver.findElement(By.cssSelector("#tasks li button")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Unknown task"));
        assertTrue(byId("progress").getAttribute("hidden") != null, "no spinner for a task that will never move");
    }
}
