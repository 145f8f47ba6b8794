import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, holdOlderHistory, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const DAY_MS = 24 * 60 * 60_000;
const OLD_MESSAGES = 250;
const NEW_MESSAGES = 350;
/** Far fewer than the 600 messages loaded: only the rows near the view are in the page. */
const MOST_ROWS_DRAWN = 80;

describe.skipIf(chromiumSkipReason)("a long room in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let bob: Page;
  // The server's clock runs this far behind while the old messages are written: they are dated three days ago.
  let behind = 0;
  const oldDay = new Date(Date.now() - 3 * DAY_MS);

  beforeAll(async () => {
    app = await openWebApp({ clock: () => Date.now() - behind });
    server = app.server;
    const chat = server.natter.chat;
    await chat.createUser({ username: "alice" });
    behind = 3 * DAY_MS;
    for (let i = 1; i <= OLD_MESSAGES; i++) await chat.sendMessage({ username: "alice", room: "general", text: `old news ${i}` });
    behind = 0;
    for (let i = 1; i <= NEW_MESSAGES; i++) await chat.sendMessage({ username: "alice", room: "general", text: `fresh news ${i}` });
    bob = await (await personContext(app.browser)).newPage();
    bob.setDefaultTimeout(UI_TIMEOUT);
    await bob.goto(server.url);
    await bob.getByTestId("login-username").fill("bob");
    await bob.getByTestId("login-guest").click();
    await bob.getByTestId("messages").getByText(`fresh news ${NEW_MESSAGES}`, { exact: true }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  const loaded = async () => Number(await bob.getByTestId("message-rows").getAttribute("data-count"));
  const drawn = () => bob.getByTestId("messages").getByTestId("message").count();

  it("scrolling back loads older pages without moving what Bob was reading, and the page stays small", async () => {
    const older = await holdOlderHistory(bob);
    const before = await loaded();
    const list = bob.getByTestId("messages");
    await list.evaluate((element) => element.scrollTo({ top: 0 }));
    // At the top, the oldest message loaded is the one being read when the older page lands above it.
    const reading = bob.locator('[data-testid=message-rows] > li[data-index="0"] [data-testid=message]');
    await reading.waitFor();
    const readingSeq = Number(await reading.getAttribute("data-seq"));
    const topOf = () =>
      bob
        .locator(`#message-${readingSeq}`)
        .evaluate((row) => row.getBoundingClientRect().top - (row.closest("[data-testid=messages]")?.getBoundingClientRect().top ?? 0));
    const topBefore = await topOf();
    await older.release();
    await expect.poll(loaded, { timeout: UI_TIMEOUT }).toBeGreaterThan(before);
    // Give or take the day separator and name it loses now that the same author's messages come before it.
    await expect.poll(async () => Math.abs((await topOf()) - topBefore), { timeout: UI_TIMEOUT }).toBeLessThan(120);
    expect(await list.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);

    for (let page = 0; page < 20 && (await loaded()) < OLD_MESSAGES + NEW_MESSAGES; page++) {
      const count = await loaded();
      await bob.getByTestId("messages").evaluate((list) => list.scrollTo({ top: 0 }));
      await expect.poll(loaded, { timeout: UI_TIMEOUT }).toBeGreaterThan(count);
    }
    await bob.getByTestId("history-edge").getByText("This is the beginning of the room.").waitFor();
    expect(await loaded()).toBe(OLD_MESSAGES + NEW_MESSAGES);
    expect(await drawn()).toBeLessThan(MOST_ROWS_DRAWN);
    expect(await bob.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(2_000);
  });

  it("at the bottom, a new message and Bob's own are followed into view", async () => {
    await bob.getByTestId("messages").evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
    await bob.getByTestId("messages").getByText(`fresh news ${NEW_MESSAGES}`, { exact: true }).waitFor();
    await server.natter.chat.sendMessage({ username: "alice", room: "general", text: "one more from alice" });
    await expect.poll(() => bob.getByText("one more from alice").isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    await bob.getByTestId("composer").fill("bob says hi");
    await bob.getByTestId("composer").press("Enter");
    const mine = bob.getByTestId("messages").locator("[data-status=sent]").filter({ hasText: "bob says hi" });
    await expect.poll(() => mine.isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await drawn()).toBeLessThan(MOST_ROWS_DRAWN);
  });

  it("jumping to a date three days back after a reload loads back to that day's first message and shows it", async () => {
    await bob.reload();
    await bob.getByTestId("messages").getByText("bob says hi").waitFor();
    expect(await bob.getByText("old news 1", { exact: true }).count()).toBe(0);
    await bob.getByTestId("jump-to-date").click();
    await bob.getByTestId("jump-date").fill(localDay(oldDay));
    await bob.getByTestId("jump-date-go").click();
    const first = bob
      .getByTestId("messages")
      .getByTestId("message")
      .filter({ has: bob.getByText("old news 1", { exact: true }) });
    await expect.poll(() => bob.getByText("old news 1", { exact: true }).isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    await expect.poll(() => first.first().getAttribute("class"), { timeout: UI_TIMEOUT }).toContain("flash");
    // Loaded back without a gap: every message from that day to the latest is in the list.
    expect(await loaded()).toBe(OLD_MESSAGES + NEW_MESSAGES + 2);
    expect(await drawn()).toBeLessThan(MOST_ROWS_DRAWN);
  });
});

function localDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
