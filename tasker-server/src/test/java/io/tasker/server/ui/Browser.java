package io.tasker.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages ({@code .ci/run} installs
 * them), driven by Selenium, at 1280x800, one for all the browser tests of a JVM. Screenshots go to the repository's {@code docs/images/}.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("tasker.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tasker.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Browser shared;

    final ChromeDriver driver;
    private String baseUrl = "";

    /** The test JVM's one browser (starting Chromium is slow); it quits when the JVM ends. */
    static synchronized Browser shared() {
        if (shared == null) {
            shared = new Browser();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.driver::quit, "quit-chromium"));
        }
        return shared;
    }

    private Browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Points the browser at a (new) server: every test starts its own, and starting Chromium is slow. */
    Browser at(String serverUrl) {
        this.baseUrl = serverUrl;
        driver.get(serverUrl + "/health");  // cookies are cleared for the page's site
        driver.manage().deleteAllCookies();
        resize(1280, 800);
        return this;
    }

    void open(String hash) {
        driver.get(baseUrl + "/ui/" + hash);
    }

    /** Loads the page afresh (a new document, not a move inside the app), as a bookmark or a reload would. */
    void reload(String hash) {
        driver.get("about:blank");
        open(hash);
    }

    /** Moves to another page of the app in the same document (as a click on a link would). */
    void navigate(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs {@code fetch} inside the page (with its cookie) and answers the HTTP status. */
    long fetchStatus(String method, String path, String csrfToken) {
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json'};
                if (arguments[2]) headers['X-CSRF-Token'] = arguments[2];
                fetch(arguments[1], {method: arguments[0], headers, credentials: 'same-origin',
                    body: arguments[0] === 'GET' ? undefined : '{}'}).then(r => done(r.status), e => done(-1));
                """, method, path, csrfToken);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page as {@code docs/images/<name>.png}, the picture the README and docs show. */
    void screenshot(String name) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path images = repositoryRoot().resolve("docs/images");
            Files.createDirectories(images);
            Files.copy(shot, images.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
