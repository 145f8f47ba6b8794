import type { NatterClient } from "@natter/client";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../../../server/test/support/people.js";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
/** The server's default MAX_MESSAGE_LENGTH. */
const LIMIT = 4_000;

describe.skipIf(chromiumSkipReason)("the composer and message text in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let context: BrowserContext;
  let alice: Page;
  let bob: NatterClient;

  beforeAll(async () => {
    app = await openWebApp();
    server = app.server;
    context = await personContext(app.browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    alice = await context.newPage();
    alice.setDefaultTimeout(UI_TIMEOUT);
    await alice.goto(server.url);
    await alice.getByTestId("login-username").fill("alice");
    await alice.getByTestId("login-guest").click();
    await alice.getByTestId("room-title").waitFor();
    bob = await guest(server.url, "bob");
    await bob.join("general");
    await bob.createRoom("design");
    await alice.getByTestId("join-design").click();
    await alice.getByTestId("room-title").getByText("# design", { exact: true }).waitFor();
    await alice.getByTestId("room-general").click();
    await alice.getByTestId("room-title").getByText("# general", { exact: true }).waitFor();
  }, 120_000);

  afterAll(async () => {
    closeAll();
    await app?.close();
  });

  const composer = () => alice.getByTestId("composer");
  const open = async (room: string) => {
    await alice.getByTestId(`room-${room}`).click();
    await expect.poll(() => alice.getByTestId("room-title").textContent()).toBe(`# ${room}`);
  };
  const lastMessage = () => alice.getByTestId("messages").locator("[data-testid=message][data-status=sent]").last();
  const focused = () => alice.evaluate(() => document.activeElement?.getAttribute("data-testid"));

  it("keeps a draft per room when Alice switches rooms and across a reload, and forgets it once sent", async () => {
    await composer().fill("half a thought for general");
    await open("design");
    expect(await composer().inputValue()).toBe("");
    await composer().fill("a plan for design");
    await open("general");
    expect(await composer().inputValue()).toBe("half a thought for general");

    await alice.reload();
    await expect.poll(() => composer().inputValue()).toBe("half a thought for general");
    await open("design");
    expect(await composer().inputValue()).toBe("a plan for design");

    await composer().press("Enter");
    await lastMessage().getByText("a plan for design").waitFor();
    await alice.reload();
    await expect.poll(() => alice.getByTestId("room-title").textContent()).toBe("# design");
    expect(await composer().inputValue()).toBe("");
    await open("general");
    await composer().fill("");
  });

  it("edits Alice's last message with ↑ in an empty composer, and gives the composer focus back after", async () => {
    await composer().fill("first version");
    await composer().press("Enter");
    await lastMessage().getByText("first version").waitFor();
    await bob.send("general", "bob speaks after her");
    await lastMessage().getByText("bob speaks after her").waitFor();

    await composer().fill("not empty");
    await composer().press("ArrowUp");
    expect(await alice.getByTestId("edit-input").count()).toBe(0);

    await composer().fill("");
    await composer().press("ArrowUp");
    await expect.poll(focused).toBe("edit-input");
    expect(await alice.getByTestId("edit-input").inputValue()).toBe("first version");
    await alice.getByTestId("edit-input").fill("second version");
    await alice.getByTestId("edit-input").press("Enter");
    const edited = alice.getByTestId("messages").locator("[data-testid=message]", { hasText: "second version" });
    await edited.getByTestId("edited").waitFor();
    await expect.poll(focused).toBe("composer");

    await composer().press("ArrowUp");
    await expect.poll(focused).toBe("edit-input");
    await alice.getByTestId("edit-input").press("Escape");
    await expect.poll(focused).toBe("composer");
    expect(await alice.getByTestId("edit-input").count()).toBe(0);
  });

  it("counts the characters left near the server's limit and refuses a longer message before sending, keeping it", async () => {
    const counter = alice.getByTestId("composer-counter");
    await composer().fill("x".repeat(LIMIT - 500));
    expect(await counter.count()).toBe(0);
    await composer().fill("x".repeat(LIMIT - 10));
    await expect.poll(() => counter.textContent()).toBe("10 characters left");

    const tooLong = "y".repeat(LIMIT + 100);
    await composer().fill(tooLong);
    await expect.poll(() => counter.textContent()).toBe("100 characters too many");
    await alice.getByTestId("composer-too-long").waitFor();
    expect(await alice.getByTestId("composer-send").isDisabled()).toBe(true);
    await composer().press("Enter");
    expect(await composer().inputValue()).toBe(tooLong);
    expect(await alice.locator("[data-testid=message][data-status=pending], [data-testid=message][data-status=failed]").count()).toBe(0);
    expect(await alice.getByTestId("unsent").count()).toBe(0);
    await composer().fill("");
    expect(await counter.count()).toBe(0);
  });

  it("lets a copy the server refused be tried again, edited and sent, or discarded", async () => {
    // Written while the page did not know the limit (or the room): the server refuses them after a reload.
    const refusedLong = "z".repeat(LIMIT + 100);
    await alice.evaluate(
      async ({ refusedLong }) => {
        const { user } = (await (await fetch("/api/me")).json()) as { user: { id: number } };
        const queuedAt = Date.now();
        const outbox = [
          { clientMsgId: "d-long-0000000000001", room: "general", text: refusedLong, status: "pending", queuedAt },
          { clientMsgId: "d-gone-0000000000002", room: "no-such-room", text: "to a room that is not there", status: "pending", queuedAt },
        ];
        localStorage.setItem(`natter.outbox.${user.id}`, JSON.stringify(outbox));
      },
      { refusedLong },
    );
    await alice.reload();
    const unsent = alice.getByTestId("unsent-message");
    await expect.poll(() => unsent.count()).toBe(2);
    const gone = unsent.filter({ hasText: "to a room that is not there" });

    await gone.getByTestId("unsent-retry").click();
    await expect.poll(() => gone.count()).toBe(1);
    await gone.getByTestId("unsent-discard").click();
    await expect.poll(() => unsent.count()).toBe(1);

    // The one left is the long one; while edited, its words are in a textarea, so it is found by place, not text.
    const long = unsent.first();
    expect(await long.textContent()).toContain("zzzz");
    expect(await long.getByTestId("unsent-retry").isDisabled()).toBe(true);
    expect(await long.getByTestId("unsent-counter").textContent()).toBe("100 characters too many");

    await long.getByTestId("unsent-edit").click();
    await long.getByTestId("unsent-text").fill("z".repeat(LIMIT + 1));
    expect(await long.getByTestId("unsent-send").isDisabled()).toBe(true);
    await long.getByTestId("unsent-text").fill("shortened at last");
    await long.getByTestId("unsent-send").click();
    await lastMessage().getByText("shortened at last").waitFor();
    await expect.poll(() => unsent.count()).toBe(0);
  });

  it("turns a :shortcode: pasted or typed in full into its emoji, in the composer and in what others send", async () => {
    await alice.evaluate(() => navigator.clipboard.writeText("party :tada:"));
    await composer().focus();
    await composer().press("ControlOrMeta+V");
    await expect.poll(() => composer().inputValue()).toBe("party 🎉");
    await composer().pressSequentially(" and :+1:");
    // As the picker and the suggestions give it: emojibase's form, with the emoji presentation selector.
    await expect.poll(() => composer().inputValue()).toBe("party 🎉 and 👍\uFE0F");
    await composer().press("Enter");
    await lastMessage().getByText("party 🎉 and 👍\uFE0F").waitFor();

    await bob.send("general", "shipped :white_check_mark: but `:tada:` stays code");
    const shown = () => lastMessage().getByTestId("message-text").textContent();
    await expect.poll(async () => (await shown())?.trim()).toBe("shipped ✅\uFE0F but :tada: stays code");
    expect(await lastMessage().locator("code").textContent()).toBe(":tada:");
  });

  it("renders a GFM table and keeps the numbers of an ordered list", async () => {
    await bob.send("general", "| name | count |\n|:--|--:|\n| apples | 3 |\n| pears | 12 |");
    const table = lastMessage().locator("table");
    await table.waitFor();
    expect(await table.locator("th").allTextContents()).toEqual(["name", "count"]);
    expect(await table.locator("td").allTextContents()).toEqual(["apples", "3", "pears", "12"]);
    expect(
      await table
        .locator("td")
        .nth(1)
        .evaluate((cell) => getComputedStyle(cell).textAlign),
    ).toBe("right");

    await bob.send("general", "3. third\n4. fourth");
    const list = lastMessage().locator("ol");
    await list.waitFor();
    expect(await list.getAttribute("start")).toBe("3");
    expect(await list.evaluate((element) => getComputedStyle(element).listStyleType)).toBe("decimal");
    expect(await list.evaluate((element) => parseFloat(getComputedStyle(element).paddingLeft))).toBeGreaterThan(0);
  });

  it("scrolls a long code block sideways and copies its code with the copy button", async () => {
    const line = `const wide = "${"w".repeat(400)}";`;
    await bob.send("general", "```js\n" + line + "\n```");
    const block = lastMessage().locator(".code-block");
    await block.waitFor();
    const pre = block.locator("pre");
    expect(await pre.evaluate((element) => element.scrollWidth > element.clientWidth && getComputedStyle(element).overflowX === "auto")).toBe(true);
    const messageWidth = await lastMessage().evaluate((element) => element.getBoundingClientRect().width);
    expect(await block.evaluate((element) => element.getBoundingClientRect().width)).toBeLessThanOrEqual(messageWidth);

    // The pointer rests on the message first, as a reader's does: its actions are drawn, and the text settles beside them.
    await lastMessage().hover();
    await lastMessage().getByTestId("react").first().waitFor();
    const copy = block.getByRole("button", { name: "Copy" });
    await copy.click();
    await block.getByRole("button", { name: "Copied" }).waitFor();
    expect(await alice.evaluate(() => navigator.clipboard.readText())).toBe(`${line}\n`);
  });

  it("opens a short formatting help from the keyboard and closes it with Escape", async () => {
    await composer().focus();
    const help = alice.getByTestId("formatting-help");
    for (let tab = 0; tab < 5 && (await focused()) !== "formatting-help"; tab++) await alice.keyboard.press("Tab");
    expect(await focused()).toBe("formatting-help");
    await alice.keyboard.press("Enter");
    const panel = alice.getByTestId("formatting-help-panel");
    await panel.waitFor({ state: "visible" });
    await expect.poll(focused).toBe("formatting-help-panel");
    expect(await panel.textContent()).toContain("**bold**");
    expect(await help.getAttribute("aria-label")).toBe("Formatting help");
    expect(await axeViolations(alice, "[data-testid=formatting-help-panel]")).toEqual([]);
    await alice.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    await expect.poll(focused).toBe("formatting-help");
  });

  it("says the counter and the formatting help in Chinese for a reader in zh-CN, and the help passes axe there", async () => {
    const page = await app?.browser.newPage({ locale: "zh-CN" });
    if (!page) throw new Error("no browser");
    try {
      page.setDefaultTimeout(UI_TIMEOUT);
      await page.goto(server.url);
      await page.getByTestId("login-username").fill("carol");
      await page.getByTestId("login-guest").click();
      await page.getByTestId("room-title").waitFor();
      await page.getByTestId("composer").fill("字".repeat(LIMIT - 10));
      await expect.poll(() => page.getByTestId("composer-counter").textContent()).toBe("还可输入 10 个字符");
      expect(await page.getByTestId("formatting-help").getAttribute("aria-label")).toBe("格式帮助");
      await page.getByTestId("formatting-help").click();
      await page.getByTestId("formatting-help-panel").waitFor({ state: "visible" });
      expect(await page.getByTestId("formatting-help-panel").textContent()).toContain("编号列表");
      expect(await axeViolations(page, "[data-testid=formatting-help-panel]")).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows no emoji or symbol glyph as the icon of any button, and names every button in words", async () => {
    // Open what holds more buttons: a thread, a message's quick reactions, the emoji picker and the upload tray.
    await lastMessage().hover();
    await lastMessage().getByTestId("reply").click();
    await alice.getByTestId("thread").waitFor();
    await lastMessage().hover();
    await lastMessage().getByTestId("react").click();
    await alice.getByTestId("emoji-toggle").first().click();
    await alice.locator(".emoji-picker").waitFor();
    await alice.getByTestId("attach").first().waitFor();

    const problems = await alice.evaluate(() => {
      const GLYPH = /[\p{Extended_Pictographic}\p{So}\u2039\u203a\u00d7]/u;
      // These buttons stand for an emoji itself (a reaction, a picker cell, a skin tone), not for an action.
      const EMOJI_ITSELF = ".reaction, [data-testid^='react-'], .emoji-picker__cell, .emoji-picker__tone";
      const found: string[] = [];
      for (const button of document.querySelectorAll("button")) {
        const name = (button.getAttribute("aria-label") ?? button.textContent ?? "").trim();
        const shown = button.textContent ?? "";
        if (!/[\p{L}\p{N}]/u.test(name)) found.push(`a button named only "${name}": ${button.outerHTML.slice(0, 120)}`);
        if (!button.matches(EMOJI_ITSELF) && GLYPH.test(shown)) found.push(`a glyph as an icon: ${button.outerHTML.slice(0, 120)}`);
      }
      return found;
    });
    expect(problems).toEqual([]);
    expect(await alice.getByTestId("attach").first().locator("svg").count()).toBe(1);
  });
});
