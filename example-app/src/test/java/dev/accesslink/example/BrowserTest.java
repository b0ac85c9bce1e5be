package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.testsupport.ExternalServices;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The scenario in a real browser: headless Debian Chromium driven by Selenium, against the
 * app on its embedded defaults. Nothing is downloaded: the browser and driver are the system's.
 */
@DisplayName("The web UI in headless Chromium")
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");

  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static Path profile;

  @BeforeAll
  static void startBrowser() throws IOException {
    ExternalServices.assume("Chromium with chromedriver",
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "apt-get install -y chromium chromium-driver");
    TestApp.get();
    Files.createDirectories(SHOTS);
    profile = Files.createTempDirectory("accesslink-chromium");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // The admin page re-renders its lists every few seconds: an element found a moment ago may be gone.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private static void shot(String name) throws IOException {
    File f = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void desktop() {
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  private static void phone() {
    driver.manage().window().setSize(new Dimension(390, 844));
  }

  private static void openAdmin() {
    desktop();
    driver.get(TestApp.base() + "/");
    // the token is entered once and kept in this tab's sessionStorage
    if (driver.findElement(By.id("login")).isDisplayed()) {
      driver.findElement(By.id("token")).sendKeys(TestApp.TOKEN);
      driver.findElement(By.id("login-submit")).click();
    }
    visible(By.id("send-form"));
    wait.until(d -> !new Select(d.findElement(By.id("groupId"))).getOptions().isEmpty());
  }

  private static void send(String name, String channel, String address, String groupName) {
    WebElement nameInput = driver.findElement(By.id("recipientName"));
    nameInput.clear();
    nameInput.sendKeys(name);
    driver.findElement(By.cssSelector("input[name=channel][value=" + channel + "]")).findElement(By.xpath("..")).click();
    if (channel.equals("EMAIL")) {
      driver.findElement(By.id("email")).sendKeys(address);
    }
    for (WebElement o : new Select(driver.findElement(By.id("groupId"))).getOptions()) {
      if (o.getText().startsWith(groupName + " ")) {
        o.click();
      }
    }
    driver.findElement(By.id("send-submit")).click();
  }

  private static void pressDoor(String doorId) {
    visible(By.cssSelector("button.door-btn[data-door=" + doorId + "]")).click();
  }

  @Test
  @DisplayName("manual link → open → unlock → door log; e-mail link from the outbox → unlock; revoke → refused")
  void the_whole_feature_end_to_end() throws IOException {
    String ada = "Ada " + UUID.randomUUID().toString().substring(0, 4);
    String eve = "Eve " + UUID.randomUUID().toString().substring(0, 4);
    String eveMail = "eve." + UUID.randomUUID().toString().substring(0, 4) + "@example.com";

    // 1. the admin sends a manual link: shown once, with a Copy button
    driver.get(TestApp.base() + "/");
    visible(By.id("login"));
    shot("01-admin-sign-in");
    openAdmin();
    send(ada, "MANUAL", null, "Visitors");
    WebElement url = visible(By.id("manual-url"));
    String manualUrl = url.getAttribute("value");
    assertThat(manualUrl).startsWith(TestApp.base() + "/l/");
    WebElement qr = visible(By.id("manual-qr"));
    assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
    assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "return document.getElementById('manual-qr').naturalWidth")).as("the QR code image loaded").isPositive();
    driver.findElement(By.id("manual-copy")).click();
    visible(By.id("manual-copied"));
    shot("02-manual-link-shown-once");
    driver.findElement(By.id("manual-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("manual-dialog")));
    assertThat(driver.findElement(By.id("manual-url")).getAttribute("value")).isEmpty();
    assertThat(driver.findElement(By.id("manual-qr")).getAttribute("src")).as("the QR code is shown once, too").isNullOrEmpty();
    assertThat(driver.getPageSource()).doesNotContain(TestApp.secretOf(manualUrl));

    // 2. the visitor opens it on a phone and presses the front door
    phone();
    driver.get(manualUrl);
    wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Hello, " + ada));
    shot("03-visitor-page-phone");
    pressDoor("front-door");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=front-door] .state"), "Unlocked"));
    shot("04-visitor-unlocked-phone");

    // 3. the admin's door log shows the unlock
    openAdmin();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("door-log"), "Front door by " + ada));
    assertThat(driver.findElement(By.cssSelector("#door-log li[data-type=DOOR_UNLOCKED]")).getText()).contains("Unlocked");

    // 4. an e-mail link, followed from the demo outbox
    send(eve, "EMAIL", eveMail, "Staff");
    visible(By.id("send-ok"));
    WebElement message = wait.until(d -> d.findElements(By.cssSelector(".outbox-item")).stream()
        .filter(e -> e.getText().contains(eveMail)).findFirst().orElse(null));
    String emailUrl = message.findElement(By.cssSelector("a.outbox-link")).getAttribute("href");
    assertThat(message.getText()).contains(eve);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("links"), eve));
    shot("05-admin-after-email");
    String admin = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    phone();
    driver.get(emailUrl);
    wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Hello, " + eve));
    pressDoor("office");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=office] .state"), "Unlocked"));
    String visitorTab = driver.getWindowHandle();

    // 5. the admin revokes Eve's link; her open page is refused, and says so when reloaded
    driver.switchTo().window(admin);
    WebElement row = wait.until(d -> d.findElements(By.cssSelector("#links tbody tr")).stream()
        .filter(e -> e.getText().contains(eve)).findFirst().orElse(null));
    String linkId = row.getAttribute("data-link");
    // The list re-renders every few seconds, so find the button afresh for each step.
    By revokeButton = By.cssSelector("#links tr[data-link='" + linkId + "'] button.revoke");
    wait.until(d -> { d.findElement(revokeButton).click(); return true; });
    wait.until(d -> d.findElement(revokeButton).getText().equals("Confirm revoke"));
    wait.until(d -> { d.findElement(revokeButton).click(); return true; });
    wait.until(d -> d.findElement(By.cssSelector("#links tr[data-link='" + linkId + "'] .pill")).getText().equals("Revoked"));
    shot("06-admin-revoked");

    driver.switchTo().window(visitorTab);
    pressDoor("front-door");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=front-door] .state"), "Refused"));
    assertThat(driver.findElement(By.id("message")).getText()).contains("revoked");
    shot("07-visitor-refused-after-revoke");
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("notice-title"), "This link has been revoked"));
    assertThat(driver.findElements(By.cssSelector("button.door-btn"))).isEmpty();
    assertThat(driver.findElement(By.id("place")).getText()).doesNotContain("You can open").contains("was for");
    assertThat(driver.findElements(By.cssSelector("#notice-icon svg[data-icon=blocked]"))).hasSize(1);
    shot("08-visitor-revoked");

    driver.switchTo().window(admin);
    desktop();
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("door-log"), "Refused"));
    List<WebElement> refused = driver.findElements(By.cssSelector("#door-log li[data-type=UNLOCK_REFUSED]"));
    assertThat(refused).anySatisfy(li -> assertThat(li.getText()).contains(eve).contains("Revoked"));
    shot("09-admin-door-log");
  }

  @Test
  @DisplayName("a link sent in Spanish: the visitor page is in Spanish and names the sender")
  void a_spanish_visitor_page() throws IOException {
    String ana = "Ana " + UUID.randomUUID().toString().substring(0, 4);
    driver.get(TestApp.base() + "/");
    openAdmin();
    new Select(driver.findElement(By.id("language"))).selectByValue("es");
    send(ana, "MANUAL", null, "Visitors");
    String url = visible(By.id("manual-url")).getAttribute("value");
    driver.findElement(By.id("manual-close")).click();

    phone();
    driver.get(url);
    wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Hola, " + ana));
    assertThat(driver.findElement(By.id("sent-by")).getText()).isEqualTo("Grace Hopper de Demo HQ te ha enviado este enlace.");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    assertThat(driver.findElement(By.id("validity")).getText()).contains("Activo", "Válido desde ahora, sin caducidad");
    pressDoor("front-door");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=front-door] .state"), "Abierta"));
    shot("12-visitor-page-spanish-phone");
    // sign out, as the other tests start signed out (the token is kept in this tab's sessionStorage)
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
  }

  @Test
  @DisplayName("an unknown link says so")
  void unknown_link() throws IOException {
    phone();
    driver.get(TestApp.base() + "/l/" + "B".repeat(43));
    wait.until(ExpectedConditions.textToBe(By.id("notice-title"), "This link is not valid"));
    shot("10-visitor-unknown");
  }

  @Test
  @DisplayName("a wrong admin token is refused")
  void wrong_token() {
    desktop();
    driver.get(TestApp.base() + "/");
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    visible(By.id("token")).sendKeys("wrong-token");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not valid"));
  }

  @Test
  @DisplayName("on a phone the links table fits the screen and Revoke is in reach; the Type select offers every channel")
  void phone_layout_and_type_select() throws IOException {
    openAdmin();
    Select type = new Select(driver.findElement(By.id("type")));
    assertThat(type.getOptions()).extracting(WebElement::getText)
        .containsExactly("Access link · Email", "Access link · Text message", "Access link · Manual (copy the link yourself)");
    type.selectByValue("SMS");
    assertThat(driver.findElement(By.id("via-sms")).isSelected()).isTrue();
    assertThat(driver.findElement(By.id("phone-row")).isDisplayed()).isTrue();
    driver.findElement(By.cssSelector("input[name=channel][value=MANUAL]")).findElement(By.xpath("..")).click();
    assertThat(type.getFirstSelectedOption().getAttribute("value")).isEqualTo("MANUAL");

    String name = "Phone " + UUID.randomUUID().toString().substring(0, 4);
    send(name, "MANUAL", null, "Visitors");
    visible(By.id("manual-url"));
    driver.findElement(By.id("manual-close")).click();
    phone();
    WebElement row = wait.until(d -> d.findElements(By.cssSelector("#links tbody tr")).stream()
        .filter(e -> e.getText().contains(name)).findFirst().orElse(null));
    String linkId = row.getAttribute("data-link");
    By revoke = By.cssSelector("#links tr[data-link='" + linkId + "'] button.revoke");
    // measured in one script, by selector: the list re-renders every few seconds, so no element is held
    @SuppressWarnings("unchecked")
    List<Number> m = (List<Number>) driver.executeScript("const b = document.querySelector(arguments[0]);"
        + " b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect();"
        + " return [r.left, r.right, document.documentElement.clientWidth, document.documentElement.scrollWidth];",
        "#links tr[data-link='" + linkId + "'] button.revoke");
    double viewport = m.get(2).doubleValue();
    assertThat(m.get(3).doubleValue()).as("page width").isLessThanOrEqualTo(viewport);
    assertThat(m.get(0).doubleValue()).as("Revoke's left edge").isGreaterThanOrEqualTo(0);
    assertThat(m.get(1).doubleValue()).as("Revoke's right edge").isLessThanOrEqualTo(viewport);
    shot("11-admin-links-phone");
    wait.until(d -> { d.findElement(revoke).click(); return true; });
    wait.until(d -> d.findElement(revoke).getText().equals("Confirm revoke"));
    wait.until(d -> { d.findElement(revoke).click(); return true; });
    wait.until(d -> d.findElement(By.cssSelector("#links tr[data-link='" + linkId + "'] .pill")).getText().equals("Revoked"));
    desktop();
  }

  @Test
  @DisplayName("link rules: a one-use link sent from the form opens once; a door closed on the doors panel shows closed")
  void link_rules_end_to_end() throws IOException {
    openAdmin();
    String name = "Una " + UUID.randomUUID().toString().substring(0, 4);
    driver.findElement(By.cssSelector("#rules summary")).click();
    driver.findElement(By.id("maxUses")).sendKeys("1");
    driver.findElement(By.id("use-schedule")).click();
    visible(By.cssSelector("#slots .slot"));
    // every day, the whole day: the link is inside its schedule now, whatever the time
    for (WebElement day : driver.findElements(By.cssSelector("#slots .slot .days input"))) {
      if (!day.isSelected()) {
        day.click();
      }
    }
    driver.executeScript("document.querySelector('#slots .from').value = '00:00';"
        + " document.querySelector('#slots .until').value = '00:00';");
    shot("12-admin-send-with-rules");
    send(name, "MANUAL", null, "Staff");
    String url = visible(By.id("manual-url")).getAttribute("value");
    driver.findElement(By.id("manual-close")).click();
    WebElement row = wait.until(d -> d.findElements(By.cssSelector("#links tbody tr")).stream()
        .filter(e -> e.getText().contains(name)).findFirst().orElse(null));
    assertThat(row.getText()).contains("1 of 1 uses left").contains("Mon, Tue, Wed, Thu, Fri, Sat, Sun 00:00–00:00");

    // the storage room is closed to links on the doors panel
    By storage = By.cssSelector("#door-panel li[data-door=storage-room] button");
    visible(storage).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#door-panel li[data-door=storage-room]"),
        "Closed to links"));
    shot("13-admin-doors-panel");
    String admin = driver.getWindowHandle();
    try {
      driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
      phone();
      driver.get(url);
      wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Hello, " + name));
      WebElement closed = visible(By.cssSelector("button.door-btn[data-door=storage-room]"));
      assertThat(closed.isEnabled()).isFalse();
      assertThat(closed.getText()).contains("Not with a link");
      assertThat(driver.findElement(By.id("validity")).getText()).contains("1 use left");
      shot("14-visitor-rules-phone");
      pressDoor("front-door");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=front-door] .state"), "Unlocked"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("validity"), "0 uses left"));
      pressDoor("office");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[data-door=office] .state"), "Refused"));
      assertThat(driver.findElement(By.id("message")).getText()).contains("as many times as it allows");
      driver.navigate().refresh();
      wait.until(ExpectedConditions.textToBe(By.id("notice-title"), "This link has been used up"));
      driver.close();
    } finally {
      driver.switchTo().window(admin);
      desktop();
      driver.navigate().refresh();
      visible(storage).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#door-panel li[data-door=storage-room]"),
          "Links open it"));
    }
  }

  @Test
  @DisplayName("Rotate shows a new URL once and kills the old one; Dates changes the window; both within reach on a phone")
  void rotate_and_change_the_dates() throws IOException {
    openAdmin();
    String name = "Rota " + UUID.randomUUID().toString().substring(0, 4);
    send(name, "MANUAL", null, "Visitors");
    String first = visible(By.id("manual-url")).getAttribute("value");
    driver.findElement(By.id("manual-close")).click();
    phone();
    WebElement row = wait.until(d -> d.findElements(By.cssSelector("#links tbody tr")).stream()
        .filter(e -> e.getText().contains(name)).findFirst().orElse(null));
    String linkId = row.getAttribute("data-link");
    By rotate = By.cssSelector("#links tr[data-link='" + linkId + "'] button.resend");
    wait.until(d -> d.findElement(rotate).getText().equals("Rotate"));
    wait.until(d -> { d.findElement(rotate).click(); return true; });
    wait.until(d -> d.findElement(rotate).getText().equals("Confirm rotate"));
    wait.until(d -> { d.findElement(rotate).click(); return true; });
    wait.until(d -> !d.findElement(By.id("manual-url")).getAttribute("value").isEmpty()
        && d.findElement(By.id("manual-dialog")).isDisplayed());
    String second = driver.findElement(By.id("manual-url")).getAttribute("value");
    // the rotated URL comes with its QR code, as a new manual link does
    visible(By.id("manual-qr"));
    wait.until(d -> ((Number) driver.executeScript(
        "return document.getElementById('manual-qr').naturalWidth")).intValue() > 0);
    shot("12-admin-rotated-phone");
    driver.findElement(By.id("manual-close")).click();
    assertThat(second).isNotEqualTo(first);
    assertThat(TestApp.visitor("GET", "/api/links/" + TestApp.secretOf(first)).status()).isEqualTo(404);
    assertThat(TestApp.visitor("GET", "/api/links/" + TestApp.secretOf(second)).status()).isEqualTo(200);

    By dates = By.cssSelector("#links tr[data-link='" + linkId + "'] button.edit-window");
    wait.until(d -> { d.findElement(dates).click(); return true; });
    visible(By.id("edit-validUntil"));
    // a datetime-local input takes the value as typed digits; set it as the page would read it
    driver.executeScript("document.getElementById('edit-validUntil').value = arguments[0]", "2031-01-31T17:00");
    shot("13-admin-dates-phone");
    driver.findElement(By.id("window-save")).click();
    wait.until(d -> !d.findElement(By.id("window-dialog")).isDisplayed());
    wait.until(d -> TestApp.admin("GET", "/api/orgs/demo/access-links?limit=200").json().path("items").findValues("id")
        .stream().anyMatch(id -> id.asText().equals(linkId)));
    for (var l : TestApp.admin("GET", "/api/orgs/demo/access-links?limit=200").json().path("items")) {
      if (l.path("id").asText().equals(linkId)) {
        assertThat(l.path("validUntil").asText()).startsWith("2031-01-31T");
      }
    }
    desktop();
  }

  @Test
  @DisplayName("the webhooks panel: a typed error, an endpoint with its secret shown once, its deliveries, delete; fits a phone")
  void webhooks_panel() throws IOException {
    openAdmin();
    WebElement url = visible(By.id("webhook-url"));
    url.clear();
    url.sendKeys("http://hooks.example.com/in");
    driver.findElement(By.id("webhook-submit")).click();
    wait.until(d -> d.findElement(By.cssSelector("#webhook-form .field-error[data-for=webhook-url]")).getText()
        .contains("https://"));

    String target = "http://127.0.0.1:9/hook-" + UUID.randomUUID().toString().substring(0, 6);
    url.clear();
    url.sendKeys(target);
    driver.findElement(By.id("webhook-submit")).click();
    wait.until(d -> d.findElement(By.id("webhook-secret")).getAttribute("value").startsWith("whsec_"));
    WebElement item = wait.until(d -> d.findElements(By.cssSelector("#webhooks .webhook-item")).stream()
        .filter(e -> e.getText().contains(target)).findFirst().orElse(null));
    String id = item.getAttribute("data-webhook");
    assertThat(item.getText()).doesNotContain(driver.findElement(By.id("webhook-secret")).getAttribute("value"));
    By inItem = By.cssSelector("#webhooks .webhook-item[data-webhook='" + id + "'] .row-actions button");
    wait.until(d -> { d.findElements(inItem).get(0).click(); return true; });
    wait.until(d -> !d.findElements(By.cssSelector("#webhooks .webhook-item[data-webhook='" + id + "'] .webhook-deliveries")).isEmpty());

    String first = driver.findElement(By.id("webhook-secret")).getAttribute("value");
    By rotate = By.cssSelector("#webhooks .webhook-item[data-webhook='" + id + "'] button.rotate");
    wait.until(d -> { d.findElement(rotate).click(); return true; });
    wait.until(d -> {
      String now = d.findElement(By.id("webhook-secret")).getAttribute("value");
      return now.startsWith("whsec_") && !now.equals(first);
    });

    phone();
    Number scroll = (Number) driver.executeScript("return document.documentElement.scrollWidth");
    Number client = (Number) driver.executeScript("return document.documentElement.clientWidth");
    assertThat(scroll.doubleValue()).as("page width").isLessThanOrEqualTo(client.doubleValue());
    driver.executeScript("document.getElementById('webhooks-card').scrollIntoView()");
    shot("12-admin-webhooks-phone");
    desktop();

    By delete = By.cssSelector("#webhooks .webhook-item[data-webhook='" + id + "'] button.danger");
    wait.until(d -> { d.findElement(delete).click(); return true; });
    wait.until(d -> d.findElement(delete).getText().equals("Confirm delete"));
    wait.until(d -> { d.findElement(delete).click(); return true; });
    wait.until(d -> d.findElements(By.cssSelector("#webhooks .webhook-item[data-webhook='" + id + "']")).isEmpty());
  }

  @Test
  @DisplayName("a date the browser cannot hold is shown as stored instead of blanking the page; any event detail is safe")
  void any_stored_date_renders() {
    openAdmin();
    Object far = driver.executeScript("return AL.when('+280000-01-01T00:00:00Z')");
    Object window = driver.executeScript("return AL.windowText(null, '+280000-01-01T00:00:00Z')");
    Object garbage = driver.executeScript("return AL.time('not a date')");
    assertThat(far).isEqualTo("+280000-01-01T00:00:00Z");
    assertThat(window).isEqualTo("Until +280000-01-01T00:00:00Z");
    assertThat(garbage).isEqualTo("not a date");
    assertThat(driver.executeScript("return AL.lateText('bypassed:[GEOFENCE, READER_PROXIMITY] late:1200ms')"))
        .isEqualTo("opened, but the lock answered 1.2 s after the visitor was told it did not");
    assertThat(driver.executeScript("return [AL.lateText('bypassed:[]'), AL.lateText(null), AL.lateText(42),"
        + " AL.lateText('late:' + '9'.repeat(400) + 'ms')].join('|')")).isEqualTo("|||");
  }

  @Test
  @DisplayName("an external reference goes with the form, shows in the list and is found by the search box, also on a phone")
  void external_reference() throws IOException {
    openAdmin();
    String name = "Ref " + UUID.randomUUID().toString().substring(0, 4);
    // long and without a space, with markup in it: the list must neither overflow a phone nor render it
    String ref = "<b>BK-" + UUID.randomUUID().toString().replace("-", "") + "</b>";
    driver.findElement(By.id("externalRef")).sendKeys(ref);
    send(name, "MANUAL", null, "Visitors");
    visible(By.id("manual-url"));
    driver.findElement(By.id("manual-close")).click();

    WebElement search = driver.findElement(By.id("ref-search"));
    search.sendKeys(ref);
    driver.findElement(By.cssSelector("#links-search button[type=submit]")).click();
    wait.until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#links tbody tr"));
      return rows.size() == 1 && rows.get(0).getText().contains(name) && rows.get(0).getText().contains("Ref. " + ref);
    });
    assertThat(driver.findElements(By.cssSelector("#links tbody tr b")).stream().map(WebElement::getText))
        .doesNotContain("BK-");
    phone();
    Object widths = driver.executeScript(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth];");
    @SuppressWarnings("unchecked")
    List<Number> w = (List<Number>) widths;
    assertThat(w.get(1).doubleValue()).as("page width on a phone").isLessThanOrEqualTo(w.get(0).doubleValue());
    driver.executeScript("document.getElementById('links-search').scrollIntoView({block: 'start'})");
    shot("12-admin-external-reference-phone");
    desktop();

    search.clear();
    search.sendKeys("no-such-reference");
    driver.findElement(By.cssSelector("#links-search button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("links-empty"), "No access links with that"));
    search.clear();
    search.sendKeys(" ");
    search.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
    wait.until(d -> d.findElements(By.cssSelector("#links tbody tr")).size() > 1);
  }
}
