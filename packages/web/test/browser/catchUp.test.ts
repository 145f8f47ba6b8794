import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { NatterClient } from "@natter/client";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../../../server/test/support/people.js";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * What axe finds wrong inside one element of the page. The script comes from the installed package (offline)
 * and is evaluated through the debugging protocol, as the app's Content-Security-Policy rightly refuses inline scripts.
 */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`(() => { ${AXE}\n})()`);
  return page.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: { run(context: Element | null): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(scope));
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  }, selector);
}

describe.skipIf(chromiumSkipReason)("catching up in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let bob: Page;
  let alice: NatterClient;

  beforeAll(async () => {
    app = await openWebApp();
    server = app.server;
    bob = await (await personContext(app.browser)).newPage();
    bob.setDefaultTimeout(UI_TIMEOUT);
    await bob.goto(server.url);
    await bob.getByTestId("login-username").fill("bob");
    await bob.getByTestId("login-guest").click();
    await bob.getByTestId("room-title").waitFor();
    alice = await guest(server.url, "alice");
  }, 120_000);

  afterAll(async () => {
    closeAll();
    await app?.close();
  });

  const unread = (room: string) => bob.getByTestId(`unread-${room}`);
  const favicon = () => bob.locator("link[data-natter-badge]").getAttribute("data-count");

  it("a public room Alice creates appears in Bob's rooms to join at once; his badges, title and icon survive a reload", async () => {
    await alice.createRoom("design");
    await bob.getByTestId("join-design").click();
    await expect.poll(() => bob.getByTestId("room-title").textContent()).toBe("# design");
    await bob.getByTestId("room-general").click();
    await alice.join("design");
    for (const text of ["first news", "second news", "@bob your turn", "fourth news"]) await alice.send("design", text);

    await unread("design").getByText("4").waitFor();
    await bob.getByTestId("mentions-design").getByText("@1").waitFor();
    expect(await bob.title()).toBe("(4) Natter");
    expect(await favicon()).toBe("4");

    await bob.reload();
    await bob.getByTestId("room-title").waitFor();
    await unread("design").getByText("4").waitFor();
    await bob.getByTestId("mentions-design").getByText("@1").waitFor();
    await expect.poll(() => bob.title()).toBe("(4) Natter");
    expect(await favicon()).toBe("4");
  });

  it("the Mentions view lists Alice's mention as unread, passes axe, and opens the message in its room by keyboard", async () => {
    await bob.getByTestId("mentions-badge").getByText("1").waitFor();
    await bob.getByTestId("open-mentions").focus();
    await bob.keyboard.press("Enter");
    const entry = bob.getByTestId("mentions-panel").getByTestId("mention");
    await entry.getByText("@bob your turn").waitFor();
    expect(await entry.getAttribute("data-unread")).toBe("true");
    expect(await axeViolations(bob, "[data-testid=mentions-panel]")).toEqual([]);

    await entry.focus();
    await bob.keyboard.press("Enter");
    await expect.poll(() => bob.getByTestId("room-title").textContent()).toBe("# design");
    await bob.keyboard.press("Escape");
    await bob.getByTestId("mentions-panel").waitFor({ state: "detached" });
  });

  it("opening the room puts the New messages line above the first unread, under a day separator; mark unread from here brings it back", async () => {
    const messages = bob.getByTestId("messages");
    const line = messages.getByTestId("new-messages");
    await line.waitFor();
    const firstAfterLine = messages.locator("li", { has: bob.getByTestId("new-messages") }).getByTestId("message-text");
    expect((await firstAfterLine.innerText()).trim()).toBe("first news");
    expect(await messages.getByTestId("day-separator").count()).toBe(1);
    expect(await messages.getByTestId("message-time").first().getAttribute("title")).toMatch(/\d{4}/);
    // One author's messages a moment apart read as one block.
    expect(await messages.getByTestId("message").nth(1).getAttribute("class")).toContain("grouped");
    await expect.poll(() => unread("design").count()).toBe(0);
    await bob.getByTestId("jump-unread").click();
    expect(await axeViolations(bob, "[data-testid=messages]")).toEqual([]);

    const third = messages.getByTestId("message").filter({ hasText: "@bob your turn" });
    await third.hover();
    await third.getByTestId("mark-unread").click();
    await unread("design").getByText("2").waitFor();
    await bob.getByTestId("room-general").click();
    await bob.reload();
    await unread("design").getByText("2").waitFor();
    await bob.getByTestId("room-design").click();
    expect(
      (
        await messages
          .locator("li", { has: bob.getByTestId("new-messages") })
          .getByTestId("message-text")
          .innerText()
      ).trim(),
    ).toBe("@bob your turn");
  });

  it("Alice's reply to Bob's thread raises his Threads badge; the Threads view passes axe and opens the thread, which clears it", async () => {
    await bob.getByTestId("room-general").click();
    await bob.getByTestId("composer").fill("Who reviews the plan?");
    await bob.getByTestId("composer").press("Enter");
    // The server's copy, not the pending one drawn at once: only the stored copy has a seq.
    const root = bob.getByTestId("messages").locator("[data-status=sent]").filter({ hasText: "Who reviews the plan?" });
    const seq = Number(await root.getAttribute("data-seq"));
    await alice.join("general");
    const { messages } = await alice.history("general", { after: seq - 1 });
    const rootId = messages.find((m) => m.seq === seq)?.id ?? 0;
    await alice.send("general", "I will", { replyTo: rootId, inRoom: false });

    await bob.getByTestId("threads-badge").getByText("1").waitFor();
    await bob.getByTestId("open-threads").click();
    const entry = bob.getByTestId("threads-panel").getByTestId("thread-entry");
    await entry.getByText("1 new reply").waitFor();
    expect(await axeViolations(bob, "[data-testid=threads-panel]")).toEqual([]);
    await entry.click();
    await bob.getByTestId("thread").getByText("I will").waitFor();
    await bob.getByTestId("threads-badge").waitFor({ state: "detached" });

    await bob.reload();
    await bob.getByTestId("open-threads").waitFor();
    expect(await bob.getByTestId("threads-badge").count()).toBe(0);
  });

  it("with more unread than one page, Jump to first unread loads back to it and shows the line there", async () => {
    await bob.getByTestId("room-general").click();
    for (let n = 1; n <= 60; n++) await alice.send("design", `burst ${n}`);
    // After a reload only the newest page of the room is loaded: the first unread is not among it.
    await bob.reload();
    await unread("design").getByText("60").waitFor();
    await bob.getByTestId("room-design").click();
    const messages = bob.getByTestId("messages");
    await messages.getByText("burst 60", { exact: true }).waitFor();
    expect(await messages.getByTestId("new-messages").count()).toBe(0);
    await bob.getByTestId("jump-unread").click();
    const line = messages.locator("li", { has: bob.getByTestId("new-messages") }).getByTestId("message-text");
    await expect.poll(async () => (await line.count()) > 0 && (await line.innerText()).trim(), { timeout: UI_TIMEOUT }).toBe("burst 1");
  });
});
