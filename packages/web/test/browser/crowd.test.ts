import { ONLINE_PAGE } from "@natter/protocol";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../../../server/test/support/people.js";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;

describe.skipIf(chromiumSkipReason)("the web app in a crowded room", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let alice: Page;

  beforeAll(async () => {
    app = await openWebApp();
    server = app.server;
    alice = await (await personContext(app.browser)).newPage();
    alice.setDefaultTimeout(UI_TIMEOUT);
  }, 120_000);

  afterAll(async () => {
    closeAll();
    await app?.close();
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
    await alice
      .getByTestId("online-users")
      .getByRole("button", { name: `crowd-${crowd.length - 1}` })
      .waitFor();
  });
});
