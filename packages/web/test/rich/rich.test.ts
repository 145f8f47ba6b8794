import { mkdirSync, rmSync } from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "../browser/support/browser.js";

const SCREENSHOT_DIR = new URL("../../../../test-results/", import.meta.url);
const UI_TIMEOUT = 20_000;
const IMAGE = { name: "pasted-logo.png", width: 64, height: 48 };
const SECOND_IMAGE = { name: "pasted-banner.png", width: 96, height: 32 };
const DOCUMENT = { name: "meeting-notes.txt", mimeType: "text/plain", buffer: Buffer.from("Agenda: move the database\n") };
const SLOW_FILE = { name: "held-upload.txt", mimeType: "text/plain", buffer: Buffer.from("never arrives\n") };
// Below the server's defaults (ten files, 4,000 characters), so the app can only know them from the server.
const MAX_ATTACHMENTS = 2;
const MAX_MESSAGE_LENGTH = 300;
const MIGRATION = "我们今天迁移数据库吧";
// More than the latest page a room opens with, so the found message is not loaded until the jump loads it.
const LATER_MESSAGES = 70;

if (chromiumSkipReason) console.warn(`rich content browser tests ${chromiumSkipReason}`);

describe.skipIf(chromiumSkipReason)("files, emoji and search in Chromium", () => {
  let webRoot: string;
  let server: RunningNatter;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot, maxAttachments: MAX_ATTACHMENTS, maxMessageLength: MAX_MESSAGE_LENGTH });
    browser = await launchChromium();
    contexts = await Promise.all([personContext(browser), personContext(browser)]);
    const [aliceContext, bobContext] = contexts;
    if (!aliceContext || !bobContext) throw new Error("no browser contexts");
    [alice, bob] = await Promise.all([aliceContext.newPage(), bobContext.newPage()]);
    for (const page of [alice, bob]) page.setDefaultTimeout(UI_TIMEOUT);
    await logIn(alice, server.url, "alice", "correct horse battery");
    await logIn(bob, server.url, "bob");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it("Alice pastes two images and sends them; Bob sees thumbnails, opens one full size, arrows to the next, and Esc closes the viewer", async () => {
    await pasteImages(alice.getByTestId("composer"), [IMAGE, SECOND_IMAGE]);
    for (const image of [IMAGE, SECOND_IMAGE]) await alice.locator("[data-testid=upload-chip][data-status=done]").getByText(image.name).waitFor();
    await alice.getByTestId("composer").fill("Our new logo");
    await alice.getByTestId("composer").press("Enter");
    await alice.getByTestId("upload-tray").waitFor({ state: "detached" });

    const message = bob.getByTestId("message").filter({ hasText: "Our new logo" });
    const thumbnail = message.getByTestId("thumbnail").filter({ has: bob.getByRole("img", { name: IMAGE.name }) });
    await thumbnail.waitFor();
    expect(await message.getByTestId("thumbnail").count()).toBe(2);
    await expect.poll(() => thumbnail.locator("img").evaluate(loadedWidth), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);

    await thumbnail.click();
    const viewer = bob.getByTestId("image-viewer");
    await viewer.waitFor();
    await expect.poll(() => viewer.getByTestId("viewer-image").evaluate(loadedWidth), { timeout: UI_TIMEOUT }).toBe(IMAGE.width);
    expect(await bob.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null)).toBe(true);

    // The server lists a message's files in upload order, which two parallel uploads do not fix.
    const firstPosition = await viewer.getByTestId("viewer-position").textContent();
    expect(["1 of 2", "2 of 2"]).toContain(firstPosition);
    await bob.keyboard.press("ArrowRight");
    await viewer.getByRole("img", { name: SECOND_IMAGE.name }).waitFor();
    expect(await viewer.getByTestId("viewer-position").textContent()).toBe(firstPosition === "1 of 2" ? "2 of 2" : "1 of 2");
    await expect.poll(() => viewer.getByTestId("viewer-image").evaluate(loadedWidth), { timeout: UI_TIMEOUT }).toBe(SECOND_IMAGE.width);
    await bob.keyboard.press("ArrowRight");
    await viewer.getByRole("img", { name: IMAGE.name }).waitFor();

    await bob.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
    expect(await thumbnail.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it("Alice attaches a document with the button and cancels a second upload midway; Bob gets a download card for the document only", async () => {
    const held = holdUploadsOf(alice, SLOW_FILE.name);
    await alice.getByTestId("attach-input").setInputFiles([DOCUMENT, SLOW_FILE]);
    await alice.locator("[data-testid=upload-chip][data-status=done]").getByText(DOCUMENT.name).waitFor();
    const slowChip = alice.locator("[data-testid=upload-chip][data-status=uploading]").filter({ hasText: SLOW_FILE.name });
    await slowChip.locator("progress").waitFor();
    expect(await alice.getByTestId("composer-send").isDisabled()).toBe(true);

    await slowChip.getByRole("button", { name: `Cancel upload of ${SLOW_FILE.name}` }).click();
    await slowChip.waitFor({ state: "detached" });
    await held.release();
    await alice.getByTestId("composer-send").click();

    const card = bob.getByTestId("file-card").filter({ hasText: DOCUMENT.name });
    await card.waitFor();
    const link = card.getByRole("link", { name: `Download ${DOCUMENT.name}` });
    expect(await link.getAttribute("download")).toBe(DOCUMENT.name);
    expect(await card.textContent()).toContain(`${DOCUMENT.buffer.length} B`);
    expect(await bob.getByTestId("messages").getByText(SLOW_FILE.name).count()).toBe(0);
  });

  it("Alice picks more files than the server allows: the app says the server's limit and sends as many as it takes", async () => {
    const files = ["one.txt", "two.txt", "three.txt"].map((name) => ({ name, mimeType: "text/plain", buffer: Buffer.from(`${name}\n`) }));
    await alice.getByTestId("attach-input").setInputFiles(files);
    await alice.getByTestId("upload-limit").getByText(`At most ${MAX_ATTACHMENTS} files per message`).waitFor();
    await expect.poll(() => alice.locator("[data-testid=upload-chip][data-status=done]").count(), { timeout: UI_TIMEOUT }).toBe(MAX_ATTACHMENTS);
    await alice.getByTestId("composer").fill("Two of three files");
    await alice.getByTestId("composer").press("Enter");

    const message = bob.getByTestId("message").filter({ hasText: "Two of three files" });
    await message.getByText("two.txt").waitFor();
    expect(await message.getByText("one.txt").count()).toBe(1);
    expect(await message.getByText("three.txt").count()).toBe(0);
  });

  it("Alice's text past the server's length limit is not sent, and the app says why", async () => {
    const composer = alice.getByTestId("composer");
    await composer.fill("x".repeat(MAX_MESSAGE_LENGTH + 1));
    await alice.getByTestId("composer-too-long").getByText(`Messages are at most ${MAX_MESSAGE_LENGTH} characters`).waitFor();
    expect(await alice.getByTestId("composer-send").isDisabled()).toBe(true);
    await composer.press("Backspace");
    await alice.getByTestId("composer-too-long").waitFor({ state: "detached" });
    expect(await alice.getByTestId("composer-send").isEnabled()).toBe(true);
    await composer.fill("");
  });

  it("the emoji picker puts the chosen emoji into Alice's composer", async () => {
    await alice.getByTestId("composer").fill("Ship it ");
    await alice.getByRole("button", { name: "More emoji" }).click();
    const picker = alice.getByRole("dialog", { name: "Emoji" });
    // The search field drives the grid with arrow keys (aria-activedescendant), so it is a combobox, not a searchbox.
    await picker.getByRole("combobox", { name: "Search emoji" }).fill("rocket");
    await picker
      .getByRole("option", { name: /rocket/i })
      .first()
      .click();
    await expect.poll(() => alice.getByTestId("composer").inputValue(), { timeout: UI_TIMEOUT }).toBe("Ship it 🚀");
    await alice.getByTestId("composer").fill("");
  });

  it("Bob searches in Chinese, sees the words highlighted, and the result opens the message in its place in the history", async () => {
    const found = await server.natter.chat.sendMessage({ username: "alice", room: "general", text: MIGRATION });
    for (let index = 1; index <= LATER_MESSAGES; index += 1) {
      await server.natter.chat.sendMessage({ username: "alice", room: "general", text: `Status update ${index}` });
    }
    await bob.reload();
    // Bob may open the room at its "new messages" line (his tab may not have been read while hidden): End takes
    // the list to the newest, the only rows a virtualised list draws there.
    await bob.getByTestId("messages").getByText("Status update", { exact: false }).first().waitFor();
    await bob.getByTestId("messages").press("End");
    await bob.getByTestId("messages").getByText(`Status update ${LATER_MESSAGES}`).waitFor();
    expect(await bob.locator(`#message-${found.seq}`).count()).toBe(0);

    await bob.getByTestId("open-search").click();
    await bob.getByTestId("search-input").fill("数据库");
    await bob.getByTestId("search-input").press("Enter");
    const result = bob.getByTestId("search-result").filter({ hasText: MIGRATION });
    await result.waitFor();
    expect(await result.getByTestId("search-result-text").locator("mark").allTextContents()).toEqual(["数据库"]);
    expect(await bob.getByTestId("search-result").count()).toBe(1);

    await result.click();
    const target = bob.locator(`#message-${found.seq}`);
    await target.getByText(MIGRATION).waitFor();
    await expect.poll(() => target.evaluate(isShownInItsList), { timeout: UI_TIMEOUT }).toBe(true);
    // The history between the found message and the latest is there too: no gap was left.
    expect(await bob.locator(`#message-${found.seq + 1}`).count()).toBe(1);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await bob.screenshot({ path: new URL("rich.png", SCREENSHOT_DIR).pathname });
  });
});

async function logIn(page: Page, url: string, name: string, password?: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId("login-username").fill(name);
  if (password) {
    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-register").click();
  } else {
    await page.getByTestId("login-guest").click();
  }
  await page.getByTestId("room-title").waitFor();
}

/** Pastes PNGs drawn in the page, as a paste from an image editor or file manager arrives. */
async function pasteImages(target: Locator, images: (typeof IMAGE)[]): Promise<void> {
  await target.evaluate(async (element, images) => {
    const clipboardData = new DataTransfer();
    for (const { name, width, height } of images) {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2d canvas");
      context.fillStyle = "#2f6fdb";
      context.fillRect(0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!blob) throw new Error("the canvas made no PNG");
      clipboardData.items.add(new File([blob], name, { type: "image/png" }));
    }
    element.focus();
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, images);
}

/** The natural width of an image that finished loading, or 0. */
function loadedWidth(element: Element): number {
  return element instanceof HTMLImageElement && element.complete ? element.naturalWidth : 0;
}

/** Whether the element lies within the visible part of the message list that scrolls it. */
function isShownInItsList(element: Element): boolean {
  const list = element.closest("[data-testid=messages]");
  if (!list) return false;
  const box = element.getBoundingClientRect();
  const view = list.getBoundingClientRect();
  return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
}

/** Holds every upload of the named file until released, so the test can act while it is in flight. */
function holdUploadsOf(page: Page, name: string): { release(): Promise<void> } {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pattern = `**/api/uploads?name=${encodeURIComponent(name)}`;
  void page.route(pattern, async (route) => {
    await released;
    // The browser may have dropped the request when it was cancelled; then there is nothing to continue.
    await route.continue().catch(() => undefined);
  });
  return {
    async release() {
      release();
      await page.unroute(pattern);
    },
  };
}
