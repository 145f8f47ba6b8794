import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, holdOlderHistory, notificationsOf, openWebApp, personContext, setHidden } from "./support/browser.js";

const SCREENSHOT_DIR = new URL("../../../../test-results/", import.meta.url);
const UI_TIMEOUT = 15_000;

if (chromiumSkipReason) console.warn(`browser tests ${chromiumSkipReason}`);

describe.skipIf(chromiumSkipReason)("the web app in Chromium", () => {
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
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("Alice registers, Bob joins as a guest, sees her typing and her message, and still sees it after a reload", async () => {
    await alice.goto(server.url);
    await alice.getByTestId("login-username").fill("alice");
    await alice.getByTestId("login-password").fill("correct horse battery");
    await alice.getByTestId("login-register").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# general");

    await bob.goto(server.url);
    await bob.getByTestId("login-username").fill("bob");
    await bob.getByTestId("login-guest").click();
    await bob.getByTestId("room-title").waitFor();
    await alice.getByTestId("online-users").getByRole("button", { name: "bob" }).waitFor();

    await alice.getByTestId("composer").pressSequentially("Hello Bob, welcome to Natter");
    await bob.getByTestId("typing").getByText("alice is typing…").waitFor();

    await alice.getByTestId("composer").press("Enter");
    await bob.getByTestId("messages").getByText("Hello Bob, welcome to Natter").waitFor();
    await alice.locator("[data-testid=message][data-status=sent]").getByText("Hello Bob, welcome to Natter").waitFor();
    await bob.getByTestId("typing").getByText("alice is typing…").waitFor({ state: "detached" });
    expect(await alice.getByTestId("composer").inputValue()).toBe("");

    await bob.reload();
    await bob.getByTestId("messages").getByText("Hello Bob, welcome to Natter").waitFor();
    expect(await bob.getByTestId("login-form").count()).toBe(0);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await bob.screenshot({ path: new URL("chat.png", SCREENSHOT_DIR).pathname });
  });

  it("a look-alike of a taken name and a reserved name are refused on the log-in screen, in the reader's language", async () => {
    const page = await browser.newPage({ locale: "zh-CN" });
    try {
      page.setDefaultTimeout(UI_TIMEOUT);
      await page.goto(server.url);
      // Cyrillic а, then a fullwidth "admin": alice exists and admin is reserved.
      await page.getByTestId("login-username").fill("\u0430lice");
      await page.getByTestId("login-guest").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("名字“\u0430lice”或与它相像的名字已被占用");
      await page.getByTestId("login-username").fill("ａｄｍｉｎ");
      await page.getByTestId("login-guest").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("名字“ａｄｍｉｎ”为保留名字，不能使用");
    } finally {
      await page.close();
    }
  });

  it("Alice and Bob talk in a DM: Bob's unread badge clears when he opens it, his thread replies and Alice's reaction, edit and delete reach the other live", async () => {
    await alice.getByTestId("online-users").getByRole("button", { name: "bob" }).click();
    await alice.getByTestId("send-direct").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("bob");
    await alice.getByTestId("composer").fill("Lunch at noon?");
    await alice.getByTestId("composer").press("Enter");

    const dmLink = bob.getByTestId("dm-list").getByRole("button", { name: /alice/ });
    await dmLink.locator("[data-testid^=unread-]").getByText("1").waitFor();
    await dmLink.getByRole("img", { name: "online" }).waitFor();
    await dmLink.click();
    await bob.getByTestId("messages").getByText("Lunch at noon?").waitFor();
    await bob.getByTestId("messages").getByTestId("new-messages").waitFor();
    await expect.poll(() => dmLink.locator("[data-testid^=unread-]").count(), { timeout: UI_TIMEOUT }).toBe(0);

    const bobsCopy = bob
      .getByTestId("messages")
      .getByTestId("message")
      .filter({ has: bob.getByTestId("message-text").getByText("Lunch at noon?") });
    await bobsCopy.hover();
    await bobsCopy.getByTestId("reply").click();
    await bob.getByTestId("thread-composer").fill("Noon works for me");
    await bob.getByTestId("thread-composer").press("Enter");
    await bob.getByTestId("thread").getByText("Noon works for me").waitFor();
    await bob.getByTestId("also-to-room").check();
    await bob.getByTestId("thread-composer").fill("I'll book a table");
    await bob.getByTestId("thread-composer").press("Enter");
    const alicesQuotedReply = alice.getByTestId("messages").getByTestId("message").filter({ hasText: "I'll book a table" });
    await alicesQuotedReply.getByTestId("quote").getByText("Lunch at noon?").click();
    await expect.poll(() => alice.getByTestId("messages").getByTestId("message").first().getAttribute("class"), { timeout: UI_TIMEOUT }).toContain("flash");

    const alicesCopy = alice
      .getByTestId("messages")
      .getByTestId("message")
      .filter({ has: alice.getByTestId("message-text").getByText("Lunch at noon?") });
    await alicesCopy.getByTestId("replies").getByText("2 replies").waitFor();
    await alicesCopy.getByTestId("replies").click();
    await alice.getByTestId("thread").getByText("Noon works for me").waitFor();
    expect(await alice.getByTestId("messages").getByText("Noon works for me").count()).toBe(0);
    await alice.getByTestId("close-thread").click();

    await alicesCopy.hover();
    await alicesCopy.getByTestId("react").click();
    await alicesCopy.getByTestId("react-🎉").click();
    const bobsReaction = bobsCopy.getByTestId("reaction");
    await bobsReaction.getByText("1").waitFor();
    expect(await bobsReaction.getAttribute("title")).toBe("alice reacted with 🎉");

    await alicesCopy.hover();
    await alicesCopy.getByTestId("edit").click();
    await alice.getByTestId("edit-input").fill("Lunch at one?");
    await alice.getByTestId("edit-input").press("Enter");
    const bobsEdited = bob.getByTestId("messages").getByTestId("message").filter({ hasText: "Lunch at one?" });
    await bobsEdited.getByTestId("edited").waitFor();

    const alicesEdited = alice.getByTestId("messages").getByTestId("message").filter({ hasText: "Lunch at one?" });
    await alicesEdited.hover();
    await alicesEdited.getByTestId("delete").click();
    await alicesEdited.getByTestId("confirm-delete").click();
    await bob.getByTestId("messages").getByTestId("deleted").waitFor();
    expect(await bob.getByTestId("messages").getByText("Lunch at one?").count()).toBe(0);
  });

  it("a mention completed from the room's members, while Bob's tab is hidden, raises a notification and a badge that clear when he comes back", async () => {
    await bob.getByTestId("room-general").click();
    await setHidden(bob, true);
    await alice.getByTestId("room-general").click();
    await alice.getByTestId("composer").pressSequentially("@b");
    await alice.getByTestId("mention-suggestions").getByRole("option", { name: "@bob" }).waitFor();
    await alice.getByTestId("composer").press("Enter");
    await alice.getByTestId("composer").pressSequentially("the deploy is done");
    expect(await alice.getByTestId("composer").inputValue()).toBe("@bob the deploy is done");
    await alice.getByTestId("composer").press("Enter");

    await expect
      .poll(() => notificationsOf(bob), { timeout: UI_TIMEOUT })
      .toEqual([{ title: "alice mentioned you in #general", body: "@bob the deploy is done" }]);
    await bob.getByTestId("unread-general").getByText("1").waitFor();
    await bob.getByTestId("mentions-general").waitFor();
    await expect.poll(() => bob.title(), { timeout: UI_TIMEOUT }).toBe("(1) Natter");

    await setHidden(bob, false);
    await bob.getByTestId("unread-general").waitFor({ state: "detached" });
    await expect.poll(() => bob.title(), { timeout: UI_TIMEOUT }).toBe("Natter");
  });

  it("a private room shows up for Bob when Alice invites him, follows her renaming it, and goes away when she removes him", async () => {
    await alice.getByTestId("new-room-name").fill("design");
    await alice.getByTestId("new-room-private").check();
    await alice.getByTestId("create-room").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# design");
    expect(await bob.getByTestId("room-design").count()).toBe(0);

    await alice.getByTestId("show-members").click();
    await alice.getByTestId("invite-picker-input").fill("bob");
    await alice.getByTestId("picker-option").filter({ hasText: "@bob" }).click();
    await alice.getByTestId("invite").click();
    await bob.getByTestId("room-design").waitFor();

    await alice.getByTestId("room-rename").fill("design-team");
    await alice.getByTestId("room-topic").fill("Mockups and reviews");
    await alice.getByTestId("room-save").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# design-team");
    await alice.getByText("Mockups and reviews").waitFor();
    await bob.getByTestId("room-design-team").waitFor();

    await alice.getByTestId("remove-bob").click();
    await bob.getByTestId("room-design-team").waitFor({ state: "detached" });
  });

  it("a group DM started from the sidebar appears for everyone in it", async () => {
    await server.natter.chat.createUser({ username: "carol" });
    for (const name of ["bob", "carol"]) {
      await alice.getByTestId("direct-picker-input").fill(name);
      await alice
        .getByTestId("picker-option")
        .filter({ hasText: `@${name}` })
        .click();
    }
    await alice.getByTestId("start-direct").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("bob, carol");
    await bob
      .getByTestId("dm-list")
      .getByRole("button", { name: /alice, carol/ })
      .waitFor();
  });

  it("a message written while offline waits in the outbox, is sent on reconnect, and the banner goes once caught up", async () => {
    await bob.getByTestId("room-general").click();
    await bob.context().setOffline(true);
    await bob.getByTestId("connection-banner").waitFor();
    await bob.getByTestId("composer").fill("written on the train");
    await bob.getByTestId("composer").press("Enter");
    await bob.locator("[data-testid=message][data-status=waiting]").getByText("written on the train").waitFor();
    await alice.getByTestId("room-general").click();
    await alice.getByTestId("composer").fill("sent while Bob was away");
    await alice.getByTestId("composer").press("Enter");

    await bob.context().setOffline(false);
    await bob.getByTestId("messages").getByText("sent while Bob was away").waitFor({ timeout: 25_000 });
    await bob.locator("[data-testid=message][data-status=sent]").getByText("written on the train").waitFor({ timeout: 25_000 });
    await bob.getByTestId("connection-banner").waitFor({ state: "detached" });
    await alice.getByTestId("messages").getByText("written on the train").waitFor();
  });

  it("scrolling to the top loads older messages without moving the one being read", async () => {
    const robot = await server.natter.chat.createUser({ username: "robot" });
    let last = 0;
    for (let line = 1; line <= 250; line++) last = (await server.natter.chat.sendMessage({ userId: robot.id, room: "general", text: `line ${line}` })).seq;
    // Read to the end, so the room opens at its bottom: with unread left (how many depends on how fast Bob's tab
    // marked them read), it would open at the "new messages" line, maybe near the top of the page.
    await server.natter.chat.markRead({ username: "bob", room: "general", seq: last });
    // The older page is held back until the message being read at the top is known.
    const older = await holdOlderHistory(bob);
    await bob.reload();
    const list = bob.getByTestId("messages");
    await list.getByText("line 250", { exact: true }).waitFor();
    const rows = bob.getByTestId("message-rows");
    const loaded = Number(await rows.getAttribute("data-count"));
    await list.evaluate((element) => (element.scrollTop = 0));
    const top = list.getByTestId("message").filter({ has: bob.getByText("line 201", { exact: true }) });
    await top.waitFor();
    const topInList = () =>
      top.evaluate((element) => {
        const scroller = element.closest("[data-testid=messages]");
        return element.getBoundingClientRect().top - (scroller?.getBoundingClientRect().top ?? 0);
      });
    const before = await topInList();
    await older.release();
    await expect.poll(async () => Number(await rows.getAttribute("data-count")), { timeout: UI_TIMEOUT }).toBeGreaterThan(loaded);
    // The older page went in above it, off screen: it stays where the reader saw it, give or take the day
    // separator and the name it no longer needs now that the same author's messages come before it.
    await expect.poll(async () => Math.abs((await topInList()) - before), { timeout: UI_TIMEOUT }).toBeLessThan(120);
    expect(await list.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  });
});
