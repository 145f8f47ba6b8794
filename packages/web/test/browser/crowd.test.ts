import { rmSync } from "node:fs";
import { ONLINE_PAGE } from "@natter/protocol";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../../../server/test/support/people.js";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;

describe.skipIf(chromiumSkipReason)("the web app in a crowded room", () => {
  let webRoot: string;
  let server: RunningNatter;
  let browser: Browser;
  let alice: Page;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot });
    browser = await launchChromium();
    alice = await (await personContext(browser)).newPage();
    alice.setDefaultTimeout(UI_TIMEOUT);
  }, 120_000);

  afterAll(async () => {
    closeAll();
    await browser?.close();
    await server?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  const shownCount = () => alice.getByTestId("online-count").textContent();
  const shownNames = () => alice.getByTestId("online-users").getByRole("button").count();

  it("shows how many are online past 50 people, and their names again once the crowd thins out", async () => {
    const crowd = await Promise.all(Array.from({ length: ONLINE_PAGE + 5 }, (_, i) => guest(server.url, `crowd-${i}`)));

    await alice.goto(server.url);
    await alice.getByTestId("login-username").fill("alice");
    await alice.getByTestId("login-guest").click();
    await alice.getByTestId("room-title").waitFor();
    await expect.poll(shownCount, { timeout: UI_TIMEOUT }).toBe(String(crowd.length + 1));
    expect(await shownNames()).toBe(0);

    const late = await guest(server.url, "latecomer");
    await expect.poll(shownCount, { timeout: UI_TIMEOUT }).toBe(String(crowd.length + 2));

    for (const person of [...crowd.slice(0, 10), late]) person.close();
    const remaining = crowd.length - 10 + 1;
    await expect.poll(shownCount, { timeout: UI_TIMEOUT }).toBe(String(remaining));
    await expect.poll(shownNames, { timeout: UI_TIMEOUT }).toBe(remaining);
    await alice.getByTestId("online-users").getByRole("button", { name: `crowd-${crowd.length - 1}` }).waitFor();
  });
});
