import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../server/src/domain/setup.js";
import { sampleExport } from "../../../server/test/import/support/sampleExport.js";
import { writeSlackExport } from "../../../server/test/import/support/slackExport.js";
import { Receiver } from "../../../server/test/integrations/receiver.js";
import { http } from "../../../server/test/support/http.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const PASSWORD = "correct horse battery";

async function signedIn(browser: Browser, url: string, username: string, locale = "en-US"): Promise<Page> {
  const context = locale === "en-US" ? await personContext(browser) : await browser.newContext({ locale, viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("room-title").waitFor();
  return page;
}

const sessionOf = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === "natter_session")?.value ?? "";

describe.skipIf(chromiumSkipReason)("the integration screens in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>>;
  const receiver = new Receiver();
  let receiverUrl = "";
  const folder = mkdtempSync(join(tmpdir(), "natter-import-ui-"));
  const zip = join(folder, "acme-slack-export.zip");

  beforeAll(async () => {
    receiverUrl = await receiver.start();
    // The receiver is on loopback, which webhooks and commands refuse unless told otherwise.
    app = await openWebApp({ webhookAllowPrivate: true });
    await createAccount(app.server.natter.domain, { username: "boss", password: PASSWORD, role: "admin" });
    await writeSlackExport(zip, sampleExport());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await receiver.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("an admin uploads a Slack export: a dry run counts it, the import's bar reaches the end, and the report says what came in and what was skipped", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss");
    await page.getByTestId("open-console").click();
    await page.getByRole("tab", { name: "Import" }).click();
    const tab = page.getByTestId("import-tab");
    await tab.getByTestId("import-file").setInputFiles(zip);
    await tab.getByTestId("import-dry-run").check();
    await tab.getByTestId("import-start").click();
    await tab.getByTestId("import-state").getByText("Dry run done: nothing was written.").waitFor();
    expect(await tab.getByTestId("import-count-messages").textContent()).toBe("14");
    expect(await app.server.natter.domain.store.roomByKey("design")).toBeUndefined();

    await tab.getByTestId("import-dry-run").uncheck();
    await tab.getByTestId("import-start").click();
    await tab.getByTestId("import-state").getByText("Import done.").waitFor();
    const bar = tab.getByTestId("import-progress");
    expect(await bar.getAttribute("value")).toBe("9");
    expect(await bar.getAttribute("max")).toBe("9");
    expect(await tab.getByTestId("import-count-users").textContent()).toBe("7");
    expect(await tab.getByTestId("import-count-rooms").textContent()).toBe("5");
    expect(await tab.getByTestId("import-count-messages").textContent()).toBe("14");
    expect(await tab.getByTestId("import-skip").count()).toBeGreaterThan(0);
    // The broken day file and the unknown user are named with why they were left out.
    await tab.getByTestId("import-skips").getByText("general/2024-03-02.json").waitFor();
    await tab.getByTestId("import-skips").getByText("user U99GHOST").waitFor();
    expect(await app.server.natter.domain.store.roomByKey("design")).toBeDefined();
    // A reload shows the last job again, so an admin who looks away does not lose its report.
    await page.reload();
    await tab.getByTestId("import-state").getByText("Import done.").waitFor();
    expect(await tab.getByTestId("import-count-messages").textContent()).toBe("14");
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("a room's owner adds an outgoing webhook, a message reaches the loopback receiver signed, and the log shows it delivered; then a new secret, then gone", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss");
    await http(app.server.url, "POST", "/api/rooms", { token: await sessionOf(page), body: { name: "deploys" } });
    await page.getByTestId("room-deploys").click();
    await page.getByTestId("show-members").click();
    const panel = page.getByTestId("outgoing-hooks");
    await panel.getByTestId("outgoing-url").fill(`${receiverUrl}/ci`);
    await panel.getByTestId("outgoing-words").fill("deploy rollback");
    await panel.getByTestId("outgoing-words").press("Enter");
    receiver.secret = await panel.getByTestId("outgoing-secret").inputValue();
    expect(receiver.secret).toMatch(/^[0-9a-f]{32,}$/);
    const row = panel.getByTestId("outgoing-hook").filter({ hasText: `${receiverUrl}/ci` });
    await row.getByText("when a message starts with: deploy rollback").waitFor();
    expect(await axeViolations(page, "[data-testid=outgoing-hooks]")).toEqual([]);

    await page.getByTestId("composer").fill("deploy api to staging");
    await page.getByTestId("composer").press("Enter");
    await expect.poll(() => receiver.received.length, { timeout: UI_TIMEOUT }).toBe(1);
    expect(receiver.received[0]?.signed).toBe(true);

    await row.getByRole("button", { name: `Deliveries to ${receiverUrl}/ci` }).click();
    const log = row.getByTestId("delivery-log");
    await expect
      .poll(
        async () => {
          await log.getByTestId("refresh-deliveries").click();
          return log.getByTestId("delivery-status").allTextContents();
        },
        { timeout: UI_TIMEOUT },
      )
      .toEqual(["delivered"]);
    expect(await log.getByTestId("delivery-attempts").textContent()).toBe("1");
    expect(await axeViolations(page, "[data-testid=outgoing-hooks]")).toEqual([]);

    const first = receiver.secret;
    await row.getByRole("button", { name: `New secret for ${receiverUrl}/ci` }).click();
    await expect.poll(() => panel.getByTestId("outgoing-secret").inputValue()).not.toBe(first);
    await row.getByRole("button", { name: `Delete the webhook to ${receiverUrl}/ci` }).click();
    await panel.getByText("No outgoing webhooks yet.").waitFor();
    await page.context().close();
  }, 120_000);

  it("an admin registers a slash command by keyboard; the composer offers it with its help, and its answer is shown to the caller alone", async () => {
    receiver.behaviour = (request) => {
      const text = new URLSearchParams(request.body).get("text") ?? "";
      return { status: 200, body: JSON.stringify({ response_type: "ephemeral", text: `deploying ${text} now` }) };
    };
    const page = await signedIn(app.browser, app.server.url, "boss");
    await page.goto(`${app.server.url}/admin/commands`);
    const tab = page.getByTestId("commands-tab");
    await tab.getByText("No custom commands yet.").waitFor();
    await tab.getByTestId("command-command").focus();
    await page.keyboard.press("End");
    await page.keyboard.type("deploy");
    await page.keyboard.press("Tab");
    await page.keyboard.type(`${receiverUrl}/slash`);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Deploy a service");
    await page.keyboard.press("Tab");
    await page.keyboard.type("/deploy service");
    await page.keyboard.press("Enter");
    await tab.getByTestId("custom-command").filter({ hasText: "/deploy service" }).waitFor();
    receiver.secret = await tab.getByTestId("command-secret").inputValue();
    expect(receiver.secret).toMatch(/^[0-9a-f]{32,}$/);
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);

    await page.getByTestId("leave-console").click();
    const composer = page.getByTestId("composer");
    await composer.pressSequentially("/depl");
    const suggestions = page.getByTestId("command-suggestions");
    await suggestions.getByText("/deploy service").waitFor();
    await suggestions.getByText("Deploy a service").waitFor();
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("/deploy ");
    await composer.pressSequentially("api");
    await composer.press("Enter");
    await page.getByTestId("command-reply").getByText("deploying api now").waitFor();
    expect(receiver.received.at(-1)?.signed).toBe(true);
    // Shown to Boss alone: nothing was posted in the room.
    expect(await page.getByTestId("messages").getByText("deploying api now").count()).toBe(0);

    await page.goto(`${app.server.url}/admin/commands`);
    await tab.getByRole("button", { name: "Delete /deploy" }).click();
    await tab.getByText("No custom commands yet.").waitFor();
    await page.context().close();
  }, 120_000);

  it("the new screens are in Chinese for a Chinese browser and pass axe there", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss", "zh-CN");
    await page.goto(`${app.server.url}/admin/import`);
    await page.getByRole("heading", { name: "从 Slack 导入" }).waitFor();
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.goto(`${app.server.url}/admin/commands`);
    await page.getByRole("heading", { name: "自定义斜杠命令" }).waitFor();
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.getByTestId("leave-console").click();
    await page.getByTestId("room-deploys").click();
    await page.getByTestId("show-members").click();
    await page.getByTestId("outgoing-hooks").getByRole("heading", { name: "传出 Webhook" }).waitFor();
    expect(await axeViolations(page, "[data-testid=outgoing-hooks]")).toEqual([]);
    await page.context().close();
  }, 120_000);
});
