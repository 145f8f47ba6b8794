import { NatterClient } from "@natter/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../server/src/domain/setup.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const PASSWORD = "correct horse battery";

async function signedIn(browser: Browser, url: string, username: string, locale = "en-US"): Promise<Page> {
  const context = locale === "en-US" ? await personContext(browser) : await browser.newContext({ locale });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("room-title").waitFor();
  return page;
}

/** The same person through the SDK, to set the scene without clicking through it. */
async function sdk(url: string, username: string): Promise<NatterClient> {
  const client = new NatterClient({ url, transports: ["websocket"] });
  await client.login(username, PASSWORD);
  await client.connect();
  return client;
}

describe.skipIf(chromiumSkipReason)("moderation in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>>;
  const clients: NatterClient[] = [];
  beforeAll(async () => {
    app = await openWebApp();
    const domain = app.server.natter.domain;
    await createAccount(domain, { username: "boss", password: PASSWORD, role: "admin" });
    await createAccount(domain, { username: "mona", password: PASSWORD, role: "moderator" });
    for (const username of ["alice", "bob"]) await createAccount(domain, { username, password: PASSWORD, role: "user" });
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await app?.close();
  });

  it("a member reports a message by keyboard, and a moderator deletes it from the Reports tab", async () => {
    const bob = await sdk(app.server.url, "bob");
    clients.push(bob);
    await bob.createRoom("yard");
    await bob.send("yard", "buy cheap watches here");

    const alice = await signedIn(app.browser, app.server.url, "alice");
    await alice.getByTestId("join-yard").click();
    await alice.getByTestId("room-yard").click();
    const message = alice.getByTestId("message").filter({ hasText: "buy cheap watches" });
    await message.hover();
    await message.getByTestId("report").focus();
    await alice.keyboard.press("Enter");
    const dialog = alice.getByTestId("report-dialog");
    await dialog.waitFor();
    expect(await axeViolations(alice, "[data-testid=report-dialog]")).toEqual([]);
    // Escape closes it; the button opens it again, and focus lands in the dialog to type at once.
    await alice.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await message.hover();
    await message.getByTestId("report").click();
    await alice.getByTestId("report-reason-input").focus();
    await alice.keyboard.type("spam");
    await alice.getByTestId("report-send").click();
    await alice.getByTestId("report-sent").waitFor();
    await alice.getByTestId("report-close").click();

    const mona = await signedIn(app.browser, app.server.url, "mona");
    await mona.getByTestId("open-console").click();
    // A moderator's console has the Reports tab (and not the admins' Rooms tab).
    await mona.getByRole("tab", { name: "Reports" }).waitFor();
    expect(await mona.getByRole("tab").allTextContents()).toEqual(["Reports"]);
    const report = mona.getByTestId("reports-list").locator("li").filter({ hasText: "buy cheap watches" });
    await report.getByTestId("report-reason").filter({ hasText: "spam" }).waitFor();
    expect(await axeViolations(mona, "[data-testid=console]")).toEqual([]);
    await report.getByTestId("report-delete").click();
    await mona.getByTestId("reports-empty").waitFor();
    await alice.getByTestId("deleted").waitFor();
    await alice.context().close();
    await mona.context().close();
  }, 90_000);

  it("a room's owner bans a member from its member list, the member loses the room at once, and unbanning lets them back", async () => {
    const alice = await sdk(app.server.url, "alice");
    clients.push(alice);
    await alice.createRoom("porch");
    const bobPage = await signedIn(app.browser, app.server.url, "bob");
    await bobPage.getByTestId("join-porch").click();
    await bobPage.getByTestId("room-porch").waitFor();

    const owner = await signedIn(app.browser, app.server.url, "alice");
    await owner.getByTestId("room-porch").click();
    await owner.getByTestId("show-members").click();
    await owner.getByTestId("ban-bob").click();
    await owner.getByTestId("confirm-ban-bob").click();
    await owner.getByTestId("unban-bob").waitFor();
    await bobPage.getByTestId("room-porch").waitFor({ state: "detached" });
    expect(await bobPage.getByTestId("join-porch").count()).toBe(0);
    expect(await axeViolations(owner, "[data-testid=members]")).toEqual([]);

    await owner.getByTestId("unban-bob").click();
    await owner.getByTestId("unban-bob").waitFor({ state: "detached" });
    await bobPage.reload();
    await bobPage.getByTestId("join-porch").click();
    await bobPage.getByTestId("room-porch").waitFor();
    await owner.context().close();
    await bobPage.context().close();
  }, 90_000);

  it("an admin finds a private room in the Rooms tab, archives it, and deletes it after confirming; its member sees it go", async () => {
    const alice = await sdk(app.server.url, "alice");
    clients.push(alice);
    await alice.createRoom("vault", "", { private: true });
    await alice.send("vault", "private plans");
    const member = await signedIn(app.browser, app.server.url, "alice");
    await member.getByTestId("room-vault").click();
    await member.getByTestId("room-title").filter({ hasText: "vault" }).waitFor();

    const boss = await signedIn(app.browser, app.server.url, "boss");
    await boss.getByTestId("open-console").click();
    await boss.getByRole("tab", { name: "Rooms" }).click();
    await boss.getByTestId("rooms-query").fill("vau");
    await boss.keyboard.press("Enter");
    const row = boss.getByTestId("room-row-vault");
    await row.filter({ hasText: "private" }).waitFor();
    expect(await row.textContent()).toContain("1");
    expect(await axeViolations(boss, "[data-testid=console]")).toEqual([]);

    await boss.getByTestId("room-archive-vault").click();
    await row.filter({ hasText: "archived" }).waitFor();
    await member.getByTestId("archived").waitFor();
    await boss.getByTestId("room-delete-vault").click();
    // The confirmation takes focus, so Enter deletes; nothing is deleted by the first click alone.
    await boss.getByTestId("room-confirm-delete-vault").waitFor();
    await boss.keyboard.press("Enter");
    await boss.getByTestId("rooms-empty").waitFor();
    await member.getByTestId("room-vault").waitFor({ state: "detached" });
    await member.context().close();
    await boss.context().close();
  }, 90_000);

  it("the Reports and Rooms tabs are in Chinese for a Chinese browser and pass axe there", async () => {
    const boss = await signedIn(app.browser, app.server.url, "boss", "zh-CN");
    await boss.getByTestId("open-console").click();
    await boss.getByRole("tab", { name: "举报" }).click();
    await boss.getByRole("heading", { name: "待处理的举报" }).waitFor();
    expect(await axeViolations(boss, "[data-testid=console]")).toEqual([]);
    await boss.getByRole("tab", { name: "聊天室" }).click();
    await boss.getByRole("heading", { name: "聊天室" }).waitFor();
    expect(await axeViolations(boss, "[data-testid=console]")).toEqual([]);
    await boss.context().close();
  });
});
