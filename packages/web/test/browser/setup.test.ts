import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerSetup } from "../../../server/src/domain/setup.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE, "utf8"));
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes).slice(0, 600)}`);
  }, selector);
}

describe.skipIf(chromiumSkipReason)("the first admin's setup page in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>>;
  beforeAll(async () => void (app = await openWebApp()), 120_000);
  afterAll(() => app?.close());

  it("the link's page makes an admin by keyboard, passes axe, and a used link is refused in zh-CN", async () => {
    const link = await offerSetup(app.server.natter.domain);
    if (!link) throw new Error("the fresh server should have no admin");
    const path = new URL(link).pathname + new URL(link).search;

    const page = await (await personContext(app.browser)).newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${app.server.url}${path}`);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor();
    expect(await axeViolations(page, "[data-testid=setup-form]")).toEqual([]);
    await page.keyboard.type("boss");
    await page.keyboard.press("Tab");
    await page.keyboard.type("correct horse battery");
    await page.keyboard.press("Enter");
    await page.getByTestId("room-title").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const me = await page.evaluate(async () => (await (await fetch("/api/me")).json()) as { user: { username: string; role: string } });
    expect(me.user).toMatchObject({ username: "boss", role: "admin" });

    const chinese = await app.browser.newContext({ locale: "zh-CN" });
    const again = await chinese.newPage();
    again.setDefaultTimeout(UI_TIMEOUT);
    await again.goto(`${app.server.url}${path}`);
    await again.getByRole("heading", { name: "创建第一个管理员" }).waitFor();
    await again.getByTestId("setup-username").fill("thief");
    await again.getByTestId("setup-password").fill("correct horse battery");
    await again.getByTestId("setup-submit").click();
    await again.getByTestId("setup-error").waitFor();
    await chinese.close();
  });
});
