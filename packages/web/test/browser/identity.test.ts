import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const PASSWORD = "correct horse battery";

if (chromiumSkipReason) console.warn(`browser tests ${chromiumSkipReason}`);

/** A 600×400 PNG: red on its left half, blue on its right. */
async function twoColours(): Promise<Buffer> {
  const half = { width: 300, height: 400, channels: 3 as const };
  return sharp({ create: { width: 600, height: 400, channels: 3, background: "#000000" } })
    .composite([
      {
        input: await sharp({ create: { ...half, background: "#ff0000" } })
          .png()
          .toBuffer(),
        left: 0,
        top: 0,
      },
      {
        input: await sharp({ create: { ...half, background: "#0000ff" } })
          .png()
          .toBuffer(),
        left: 300,
        top: 0,
      },
    ])
    .png()
    .toBuffer();
}

async function register(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-register").click();
  await page.getByTestId("room-title").waitFor();
}

async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("room-title").waitFor();
}

/** The centre pixel of a loaded picture, read in the page: [red, green, blue], and its natural width. */
function centreOf(page: Page, selector: string): Promise<{ width: number; rgb: number[] }> {
  return page.locator(selector).evaluate((element) => {
    const image = element as HTMLImageElement;
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d");
    context?.drawImage(image, 0, 0);
    const pixel = context?.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data ?? [];
    return { width: image.naturalWidth, rgb: [pixel[0] ?? 0, pixel[1] ?? 0, pixel[2] ?? 0] };
  });
}

async function setLanguage(page: Page, locale: "en" | "zh-CN"): Promise<void> {
  await page.getByTestId("language").selectOption(locale);
}

describe.skipIf(chromiumSkipReason)("identity and people in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    app = await openWebApp();
    ({ server, browser } = app);
    contexts = await Promise.all([personContext(browser), personContext(browser)]);
    const [aliceContext, bobContext] = contexts;
    if (!aliceContext || !bobContext) throw new Error("no browser contexts");
    [alice, bob] = await Promise.all([aliceContext.newPage(), bobContext.newPage()]);
    for (const page of [alice, bob]) page.setDefaultTimeout(UI_TIMEOUT);
    await register(alice, server.url, "alice");
    await register(bob, server.url, "bob");
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it("Alice chooses the square of a picture in her profile by keyboard, and Bob sees it beside her message", async () => {
    await alice.getByTestId("me").click();
    const card = alice.getByTestId("profile-card");
    await card.getByTestId("avatar-file").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await twoColours() });
    await card.getByTestId("avatar-preview").waitFor();
    // The largest square, moved all the way right: the blue half.
    await card.getByTestId("avatar-across").focus();
    await alice.keyboard.press("End");
    await card.getByTestId("avatar-save").focus();
    await alice.keyboard.press("Enter");
    await card.getByRole("status").getByText("Picture saved.").waitFor();
    await card.locator("img[data-testid=avatar-image]").waitFor();
    await card.getByTestId("close-profile").click();

    await alice.getByTestId("composer").fill("My new picture");
    await alice.getByTestId("composer").press("Enter");
    const message = bob.getByTestId("message").filter({ hasText: "My new picture" });
    const picture = message.locator("img[data-testid=avatar-image]");
    await picture.waitFor();
    expect(await picture.getAttribute("src")).toMatch(/^\/api\/avatars\/\d+\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => picture.evaluate((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth)).toBe(256);
    const { rgb } = await centreOf(bob, "[data-testid=message] img[data-testid=avatar-image] >> nth=0");
    expect(rgb[2]).toBeGreaterThan(200);
    expect(rgb[0]).toBeLessThan(40);
    // Bob, with no picture, is drawn with his initials.
    await bob.getByTestId("composer").fill("Nice");
    await bob.getByTestId("composer").press("Enter");
    await alice.getByTestId("message").filter({ hasText: "Nice" }).getByTestId("avatar-initials").waitFor();
  });

  it("the directory finds people by display name, a page at a time, shows who is online, and passes axe in both languages", async () => {
    for (let n = 10; n < 42; n++) await server.natter.chat.createUser({ username: `member-${n}` });
    await server.natter.chat.updateProfile({ username: "bob", displayName: "Bobby Tables" });

    await alice.getByTestId("open-people").click();
    const panel = alice.getByTestId("people-panel");
    await expect.poll(() => panel.getByTestId("person").count()).toBe(30);
    await panel.getByTestId("more-people").click();
    await expect.poll(() => panel.getByTestId("person").count()).toBe(34);
    expect(await panel.getByTestId("more-people").count()).toBe(0);

    await panel.getByTestId("people-search").fill("bobby");
    await expect.poll(() => panel.getByTestId("person").count()).toBe(1);
    const bobRow = panel.locator("[data-testid=person][data-username=bob]");
    expect(await bobRow.getByTestId("user-name").textContent()).toBe("Bobby Tables");
    expect(await bobRow.getByTestId("user-name").getAttribute("title")).toBe("@bob");
    await bobRow.getByTestId("presence-dot").waitFor();

    expect(await axeViolations(alice, "[data-testid=people-panel]")).toEqual([]);
    await setLanguage(alice, "zh-CN");
    await panel.getByRole("heading", { name: "人员" }).waitFor();
    expect(await axeViolations(alice, "[data-testid=people-panel]")).toEqual([]);
    await setLanguage(alice, "en");
    await panel.getByTestId("close-people").click();
  });

  it("a group DM starts from the people picker by keyboard alone, titled and signed with display names", async () => {
    await server.natter.chat.createUser({ username: "carol" });
    const field = alice.getByTestId("direct-picker-input");
    await field.focus();
    await field.pressSequentially("caro");
    await alice.getByTestId("picker-option").filter({ hasText: "@carol" }).waitFor();
    await alice.keyboard.press("Enter");
    await field.pressSequentially("bobby");
    await alice.getByTestId("picker-option").filter({ hasText: "@bob" }).waitFor();
    await alice.keyboard.press("ArrowDown");
    await alice.keyboard.press("Enter");
    const chips = alice.getByTestId("direct-picker").getByRole("button", { name: /^Remove / });
    expect(await chips.evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label")))).toEqual(["Remove carol", "Remove Bobby Tables"]);
    await alice.keyboard.press("Backspace");
    expect(await alice.getByTestId("picked-person").count()).toBe(1);
    await field.pressSequentially("bob");
    await alice.getByTestId("picker-option").filter({ hasText: "@bob" }).waitFor();
    await alice.keyboard.press("Enter");
    await alice.keyboard.press("Enter");
    await expect
      .poll(async () => (await alice.getByTestId("room-title").textContent())?.split(", ").sort(), { timeout: UI_TIMEOUT })
      .toEqual(["Bobby Tables", "carol"]);

    const dm = bob.getByTestId("dm-list").getByRole("button", { name: /alice, carol/ });
    await dm.click();
    await bob.getByTestId("composer").pressSequentially("Hello from Bobby");
    await alice.getByTestId("typing").getByText("Bobby Tables is typing…").waitFor();
    await bob.getByTestId("composer").press("Enter");
    const author = alice.getByTestId("message").filter({ hasText: "Hello from Bobby" }).getByTestId("user-name");
    await expect.poll(() => author.textContent()).toBe("Bobby Tables");
    expect(await author.getAttribute("title")).toBe("@bob");
  });

  it("changing the password in the profile ends Alice's other sessions and keeps this tab; the profile passes axe in both languages", async () => {
    const elsewhere = await browser.newContext({ locale: "en-US" });
    const otherTab = await elsewhere.newPage();
    otherTab.setDefaultTimeout(UI_TIMEOUT);
    await logIn(otherTab, server.url, "alice", PASSWORD);

    await alice.getByTestId("me").click();
    const card = alice.getByTestId("profile-card");
    expect(await axeViolations(alice, "[data-testid=profile-card]")).toEqual([]);
    await card.getByTestId("current-password").fill("not my password");
    await card.getByTestId("new-password").fill("a brand new password");
    await card.getByTestId("repeat-password").fill("a brand new password");
    await card.getByTestId("change-password").click();
    await card.getByTestId("password-form").getByRole("alert").waitFor();

    await card.getByTestId("current-password").fill(PASSWORD);
    await card.getByTestId("change-password").click();
    await card.getByTestId("password-changed").waitFor();
    await otherTab.getByTestId("login-form").waitFor();
    await otherTab.getByTestId("session-ended").waitFor();

    await setLanguage(alice, "zh-CN");
    await card.getByRole("heading", { name: "修改密码" }).waitFor();
    expect(await axeViolations(alice, "[data-testid=profile-card]")).toEqual([]);
    await setLanguage(alice, "en");
    await card.getByTestId("close-profile").click();

    // This tab goes on with the session the change opened.
    await alice.getByTestId("composer").fill("Still here");
    await alice.getByTestId("composer").press("Enter");
    await bob.getByTestId("messages").getByText("Still here").waitFor();
    await logIn(otherTab, server.url, "alice", "a brand new password");
    await elsewhere.close();
  });
});
