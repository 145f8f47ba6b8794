import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../../../server/test/support/people.js";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;

if (chromiumSkipReason) console.warn(`browser tests ${chromiumSkipReason}`);

describe.skipIf(chromiumSkipReason)("conversation staples in Chromium (issue 19)", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let browser: Browser;

  beforeAll(async () => {
    app = await openWebApp();
    ({ server, browser } = app);
  }, 120_000);

  afterAll(async () => {
    closeAll();
    await app?.close();
  });

  /** A person with their own cookies, registered and in the app. */
  async function person(name: string): Promise<Page> {
    const page = await (await personContext(browser)).newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(server.url);
    await page.getByTestId("login-username").fill(name);
    await page.getByTestId("login-password").fill("correct horse battery");
    await page.getByTestId("login-register").click();
    await page.getByTestId("room-title").waitFor();
    return page;
  }

  async function zhPage(): Promise<Page> {
    const page = await browser.newPage({ locale: "zh-CN" });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(server.url);
    return page;
  }

  it("a Chinese reader who types a wrong password reads why in Chinese, and a short password under its field", async () => {
    const page = await zhPage();
    try {
      await page.getByTestId("login-username").fill("carol");
      await page.getByTestId("login-password").fill("abc");
      await page.getByTestId("login-register").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("密码至少需要 8 个字符");
      expect(await page.getByTestId("login-password").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("login-password").getAttribute("aria-describedby")).toBe("login-error");

      await page.getByTestId("login-password").fill("correct horse battery");
      await page.getByTestId("login-register").click();
      await page.getByTestId("room-title").waitFor();
      await page.context().clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(server.url);
      await page.getByTestId("login-username").fill("carol");
      await page.getByTestId("login-password").fill("wrong horse battery");
      await page.getByTestId("login-submit").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("名字或密码错误。");
      expect(await page.getByTestId("login-password").getAttribute("aria-invalid")).toBeNull();
    } finally {
      await page.close();
    }
  });

  it("the directory lists public rooms with topic and members, finds one as you type, joins it with Enter, and follows new rooms live", async () => {
    const olive = await member(server.url, "olive");
    const bianca = await person("bianca");
    try {
      await olive.createRoom("garden-club", "Tomatoes and beans");
      await olive.createRoom("vault-plans", "secret", { private: true });

      await bianca.getByTestId("open-directory").click();
      const directory = bianca.getByTestId("directory");
      await directory.getByTestId("directory-garden-club").getByText("Tomatoes and beans").waitFor();
      await directory
        .getByTestId("directory-garden-club")
        .getByText(/1 member/)
        .waitFor();
      expect(await directory.getByTestId("directory-vault-plans").count()).toBe(0);
      expect(await axeViolations(bianca, "[data-testid=directory]")).toEqual([]);

      // Created while the directory is open: it appears without asking.
      await olive.createRoom("late-night", "owls");
      await directory.getByTestId("directory-late-night").waitFor();

      await directory.getByTestId("directory-search").fill("tomato");
      await directory.getByTestId("directory-late-night").waitFor({ state: "detached" });
      await directory.getByTestId("directory-search").press("ArrowDown");
      expect(await directory.getByTestId("directory-garden-club").evaluate((element) => element === document.activeElement)).toBe(true);
      await bianca.keyboard.press("Enter");
      await expect.poll(() => bianca.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# garden-club");
      await directory.waitFor({ state: "detached" });
    } finally {
      await bianca.context().close();
    }
  });

  it("leaving a private room asks first: Escape keeps it and gives focus back, Leave leaves", async () => {
    const owner = await member(server.url, "otto");
    await owner.createRoom("back-office", "", { private: true });
    const olive = await person("ottilie");
    try {
      await owner.invite("back-office", "ottilie");
      await olive
        .getByTestId("sidebar")
        .getByRole("button", { name: /back-office/ })
        .click();
      await expect.poll(() => olive.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# back-office");

      await olive.getByTestId("leave-room").focus();
      await olive.keyboard.press("Enter");
      const dialog = olive.getByTestId("leave-dialog");
      await dialog.waitFor();
      expect(await dialog.getAttribute("role")).toBe("alertdialog");
      expect(await dialog.getByTestId("cancel-leave").evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await axeViolations(olive, "[data-testid=leave-dialog]")).toEqual([]);
      await olive.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect(await olive.getByTestId("leave-room").evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await olive.getByTestId("room-title").textContent()).toBe("# back-office");

      await olive.keyboard.press("Enter");
      await dialog.getByTestId("confirm-leave").click();
      await olive
        .getByTestId("sidebar")
        .getByRole("button", { name: /back-office/ })
        .waitFor({ state: "detached" });
    } finally {
      await olive.context().close();
    }
  });

  /** Opens the ⋯ menu of the message with this text and picks an item. */
  async function fromMenu(page: Page, text: string, item: string): Promise<void> {
    const message = page.getByTestId("messages").locator("[data-testid=message]", { hasText: text });
    await message.hover();
    await message.getByTestId("more-actions").click();
    await message.getByTestId(item).click();
  }

  it("a member pins a message from its menu: the others see the line and their pins panel change live, and unpin there", async () => {
    const olga = await person("olga");
    const bruno = await person("bruno");
    try {
      const owner = await member(server.url, "owen");
      await owner.createRoom("notice-board");
      await owner.send("notice-board", "fire drill on Friday");
      for (const page of [olga, bruno]) {
        await page.getByTestId(`join-notice-board`).click();
        await expect.poll(() => page.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# notice-board");
      }
      await olga.getByTestId("open-pins").click();
      const panel = olga.getByTestId("pins-panel");
      await panel.getByText("Nothing is pinned here yet", { exact: false }).waitFor();

      const drill = bruno.getByTestId("messages").locator("[data-testid=message]", { hasText: "fire drill on Friday" });
      await drill.hover();
      await drill.getByTestId("more-actions").click();
      await drill.getByTestId("pin-message").waitFor();
      expect(await drill.getByTestId("more-actions").getAttribute("aria-expanded")).toBe("true");
      expect(await axeViolations(bruno, "[data-testid=more-menu]")).toEqual([]);
      await bruno.keyboard.press("Escape");
      expect(await drill.getByTestId("more-actions").evaluate((element) => element === document.activeElement)).toBe(true);
      await fromMenu(bruno, "fire drill on Friday", "pin-message");
      await panel.getByTestId("pin").getByText("fire drill on Friday").waitFor();
      await panel.getByText("pinned by bruno").waitFor();
      await olga.getByTestId("pin-notice").getByText("bruno pinned a message").waitFor();
      expect(await axeViolations(olga, "[data-testid=pins-panel]")).toEqual([]);

      await panel.getByTestId("unpin").click();
      await panel.getByText("Nothing is pinned here yet", { exact: false }).waitFor();
      await bruno.getByTestId("pin-notice").getByText("olga unpinned a message").waitFor();
    } finally {
      await olga.context().close();
      await bruno.context().close();
    }
  });

  it("a saved message shows in the reader's Saved view only, opens in its room, and can be unsaved", async () => {
    const page = await person("sasha");
    try {
      const owner = await member(server.url, "sybil");
      await owner.createRoom("recipes");
      await owner.invite("recipes", "sasha");
      await owner.send("recipes", "grandma's dumplings");
      await owner.send("recipes", "something else");
      await page
        .getByTestId("sidebar")
        .getByRole("button", { name: /recipes/ })
        .click();
      await fromMenu(page, "grandma's dumplings", "save-message");
      expect((await owner.staples.saved()).saved).toEqual([]);

      await page.getByTestId("open-saved").click();
      const panel = page.getByTestId("saved-panel");
      await panel.getByTestId("saved").getByText("grandma's dumplings").waitFor();
      expect(await axeViolations(page, "[data-testid=saved-panel]")).toEqual([]);
      await page
        .getByTestId("sidebar")
        .getByRole("button", { name: /general/ })
        .click();
      await panel.getByTestId("saved").click();
      await expect.poll(() => page.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# recipes");
      await page.locator("#message-1.flash").waitFor();

      await panel.getByTestId("unsave").click();
      await panel.getByText("Nothing saved yet", { exact: false }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it("a copied link opens the room at the message, loading the history back to it; outside the private room it is not found", async () => {
    const owner = await member(server.url, "petra");
    await owner.createRoom("archive-room", "", { private: true });
    const first = await owner.send("archive-room", "the very first decision");
    for (let n = 1; n <= 120; n += 1) await owner.send("archive-room", `later message ${n}`);
    const reader = await person("linda");
    const stranger = await person("stan");
    try {
      await owner.invite("archive-room", "linda");
      await reader.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      await reader
        .getByTestId("sidebar")
        .getByRole("button", { name: /archive-room/ })
        .click();
      await fromMenu(reader, "later message 120", "copy-link");
      await reader.getByTestId("more-note").getByText("Link copied").waitFor();
      const copied = await reader.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(`${server.url}/?seq=121#archive-room`);

      const firstLink = `${server.url}/?seq=${first.seq}#archive-room`;
      await reader.goto(firstLink);
      await reader.locator(`#message-${first.seq}.flash`).waitFor();
      await expect.poll(() => reader.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# archive-room");
      expect(new URL(reader.url()).search).toBe("");

      await stranger.goto(firstLink);
      await stranger.getByTestId("error").getByText("Not found: it does not exist, or you cannot see it.").waitFor();
      expect(await stranger.getByText("the very first decision").count()).toBe(0);
      // A message that is not there reads the same, in a room one is in.
      await stranger.goto(`${server.url}/?seq=99999#general`);
      await stranger.getByTestId("error").getByText("Not found: it does not exist, or you cannot see it.").waitFor();
    } finally {
      await reader.context().close();
      await stranger.context().close();
    }
  });
});
