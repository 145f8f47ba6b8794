import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../server/src/domain/setup.js";
import { pageSite } from "../../../server/test/previews/pages.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const PASSWORD = "correct horse battery";

async function signedIn(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await personContext(browser)).newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("room-title").waitFor();
  return page;
}

const messageWith = (page: Page, text: string) =>
  page
    .getByTestId("messages")
    .getByTestId("message")
    .filter({ has: page.getByTestId("message-text").getByText(text, { exact: false }) });

describe.skipIf(chromiumSkipReason)("link previews and custom emoji in Chromium", () => {
  const site = pageSite();
  let siteUrl = "";
  let app: Awaited<ReturnType<typeof openWebApp>>;
  let boss: Page;
  let alice: Page;

  beforeAll(async () => {
    siteUrl = await site.start();
    app = await openWebApp({ linkPreviewAllowPrivate: true });
    const domain = app.server.natter.domain;
    await createAccount(domain, { username: "boss", password: PASSWORD, role: "admin" });
    await createAccount(domain, { username: "alice", password: PASSWORD, role: "user" });
    boss = await signedIn(app.browser, app.server.url, "boss");
    alice = await signedIn(app.browser, app.server.url, "alice");
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await site.stop();
  });

  it("a link's card reaches everyone with the page's title and no image; its author removes it by keyboard", async () => {
    await alice.getByTestId("composer").fill(`release notes: ${siteUrl}/og/notes`);
    await alice.getByTestId("composer").press("Enter");
    const bossesCard = messageWith(boss, "release notes").getByTestId("link-preview");
    await bossesCard.getByTestId("link-preview-title").getByText("Natter & friends").waitFor();
    expect(await bossesCard.getByTestId("link-preview-site").textContent()).toBe("Natter Blog");
    expect(await bossesCard.locator("img").count()).toBe(0);
    expect(await bossesCard.getByRole("button").count()).toBe(0);
    expect(await axeViolations(boss, "[data-testid=link-preview]")).toEqual([]);

    const remove = messageWith(alice, "release notes").getByRole("button", { name: "Remove preview" });
    await remove.focus();
    await alice.keyboard.press("Enter");
    await messageWith(boss, "release notes").getByTestId("link-preview").waitFor({ state: "detached" });
  }, 60_000);

  it("an admin uploads an emoji in the console; it is drawn in messages, completed after :, offered in the picker's Custom section, and used as a reaction", async () => {
    await boss.getByTestId("open-console").click();
    await boss.getByRole("tab", { name: "Emoji" }).click();
    await boss.getByTestId("emoji-tab").waitFor();
    await boss.getByTestId("emoji-name").fill("party_parrot");
    const png = await sharp({ create: { width: 200, height: 200, channels: 4, background: "#e0702a" } })
      .png()
      .toBuffer();
    await boss.getByTestId("emoji-file").setInputFiles({ name: "parrot.png", mimeType: "image/png", buffer: png });
    await boss.getByTestId("emoji-add").click();
    await boss.getByTestId("emoji-party_parrot").waitFor();
    expect(await axeViolations(boss, "[data-testid=console]")).toEqual([]);

    // Alice's tab heard of it live: `:par` offers it first.
    await alice.getByTestId("composer").pressSequentially("party time :par");
    await alice.getByTestId("emoji-suggestions").getByRole("option", { name: ":party_parrot:" }).waitFor();
    await alice.getByTestId("composer").press("Enter");
    expect(await alice.getByTestId("composer").inputValue()).toBe("party time :party_parrot:");
    await alice.getByTestId("composer").press("Enter");
    const drawn = messageWith(alice, "party time").locator("img.custom-emoji");
    await drawn.waitFor();
    expect(await drawn.getAttribute("alt")).toBe(":party_parrot:");
    expect(await drawn.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(128);

    const mine = messageWith(alice, "party time");
    await mine.hover();
    await mine.getByTestId("react").click();
    await mine.getByTestId("emoji-toggle").click();
    // The search box has the focus; the Custom section comes first, so Enter picks the party parrot.
    const offered = alice.getByRole("group", { name: "Custom" }).getByRole("option", { name: ":party_parrot:" });
    expect(await offered.getAttribute("aria-selected")).toBe("true");
    await alice.keyboard.press("Enter");
    await messageWith(alice, "party time").getByTestId("reaction").locator("img.custom-emoji").waitFor();

    // Deleted: every tab draws the code as text again.
    await boss.getByTestId("delete-emoji-party_parrot").click();
    await boss.getByTestId("emoji-party_parrot").waitFor({ state: "detached" });
    await messageWith(alice, "party time").locator("img.custom-emoji").waitFor({ state: "detached" });
    expect(await messageWith(alice, "party time").getByTestId("message-text").textContent()).toContain(":party_parrot:");
    expect(await messageWith(alice, "party time").getByTestId("reaction").textContent()).toContain(":party_parrot:");
  }, 90_000);
});
