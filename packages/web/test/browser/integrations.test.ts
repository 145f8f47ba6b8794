import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../../../server/test/support/http.js";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, "utf8"));
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes).slice(0, 600)}`);
  }, selector);
}

describe.skipIf(chromiumSkipReason)("webhook cards and slash commands in Chromium", () => {
  let webRoot: string;
  let server: RunningNatter;
  let browser: Browser;
  let context: BrowserContext;
  let alice: Page;
  let token = "";

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot });
    browser = await launchChromium();
    context = await personContext(browser);
    alice = await context.newPage();
    alice.setDefaultTimeout(UI_TIMEOUT);
    await alice.goto(server.url);
    await alice.getByTestId("login-username").fill("alice");
    await alice.getByTestId("login-password").fill("correct horse battery");
    await alice.getByTestId("login-register").click();
    await alice.getByTestId("room-title").waitFor();
    // Her session, for the calls a program would make beside her browser.
    token = (await context.cookies()).find((cookie) => cookie.name === "natter_session")?.value ?? "";
    await http(server.url, "POST", "/api/rooms", { token, body: { name: "alerts" } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it("a post to a room's webhook shows as a card: the poster's name, coloured attachments, fields, safe links only", async () => {
    const created = (await http(server.url, "POST", "/api/rooms/alerts/hooks", { token, body: { name: "Grafana", emoji: "📈" } })).body as { url: string };
    await alice.getByTestId("room-alerts").click();
    await expect.poll(() => alice.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# alerts");
    const posted = await http(server.url, "POST", new URL(created.url).pathname, {
      body: {
        text: "Disk *almost* full on <https://grafana.example.com/d/1|host-1>",
        username: "grafana-bot",
        attachments: [
          {
            color: "danger",
            title: "Disk usage",
            title_link: "https://grafana.example.com/d/1",
            text: "91% used",
            fields: [{ title: "Host", value: "host-1", short: true }],
            footer: "Grafana",
          },
          { color: "#439FE0", title: "<img src=x onerror=alert(1)>", title_link: "javascript:alert(1)", text: "<script>alert(2)</script>" },
        ],
        blocks: [{ type: "header", text: { type: "plain_text", text: "Alert firing" } }, { type: "divider" }],
      },
    });
    expect(posted.body).toBe("ok");
    const message = alice.getByTestId("message").filter({ has: alice.getByTestId("card") });
    await message.waitFor();
    await expect.poll(() => message.getByTestId("card-poster").textContent()).toContain("grafana-bot");
    await message.getByText("Alert firing").waitFor();
    const link = message.getByRole("link", { name: "Disk usage" });
    expect(await link.getAttribute("href")).toBe("https://grafana.example.com/d/1");
    expect(await message.getByRole("link", { name: "host-1" }).getAttribute("href")).toBe("https://grafana.example.com/d/1");
    // The hostile title and text are shown as text, and the javascript: link is no link at all.
    await message.getByText("<img src=x onerror=alert(1)>").waitFor();
    expect(await message.locator("img, script, a[href^='javascript']").count()).toBe(0);
    expect(
      await message
        .getByTestId("card-attachment")
        .first()
        .evaluate((element) => getComputedStyle(element).borderInlineStartColor),
    ).toBe("rgb(163, 2, 0)");
    expect(await axeViolations(alice, "[data-testid=messages]")).toEqual([]);
  });

  it("typing / offers the commands with their help; a picked command runs, and /help answers Alice alone", async () => {
    const composer = alice.getByTestId("composer");
    await composer.fill("");
    await composer.pressSequentially("/sh");
    const suggestions = alice.getByTestId("command-suggestions");
    await suggestions.getByText("/shrug [message]").waitFor();
    await suggestions.getByText("Add ¯\\_(ツ)_/¯ to your message").waitFor();
    // The list itself; the textarea's combobox wiring is the composer's, shared with @ and : completion.
    expect(await axeViolations(alice, "[data-testid=command-suggestions]")).toEqual([]);
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("/shrug ");
    await composer.pressSequentially("fine");
    await composer.press("Enter");
    await alice.getByTestId("messages").getByText("fine ¯\\_(ツ)_/¯").waitFor();
    await expect.poll(() => composer.inputValue()).toBe("");

    await composer.pressSequentially("/topic Incidents only");
    await composer.press("Escape");
    await composer.press("Enter");
    await alice.getByText("Incidents only").first().waitFor();

    await composer.pressSequentially("/help");
    await composer.press("Escape");
    await composer.press("Enter");
    const reply = alice.getByTestId("command-reply");
    await reply.getByText(/\/dnd 1h \| off/).waitFor();
    expect(await axeViolations(alice, "[data-testid=command-replies]")).toEqual([]);
    await reply.getByRole("button", { name: "Dismiss" }).click();
    await reply.waitFor({ state: "detached" });

    await composer.pressSequentially("/nosuch thing");
    await composer.press("Enter");
    await alice
      .getByTestId("command-reply")
      .getByText(/\/nosuch failed/)
      .waitFor();
  });

  it("the room's owner adds a webhook in the members panel, gets its URL once, and its posts show; a token is made and revoked from her profile", async () => {
    await alice.getByTestId("show-members").click();
    const hooks = alice.getByTestId("room-hooks");
    await hooks.getByTestId("hook-name").fill("Deploys");
    await hooks.getByTestId("add-hook").click();
    const url = await hooks.getByTestId("hook-url").inputValue();
    expect(url).toMatch(/\/hooks\/\d+\/[A-Za-z0-9_-]{40,}$/);
    await hooks.getByTestId("room-hook").filter({ hasText: "Deploys" }).waitFor();
    expect(await axeViolations(alice, "[data-testid=room-hooks]")).toEqual([]);
    expect((await http(server.url, "POST", new URL(url).pathname, { body: { text: "from the panel's hook" } })).body).toBe("ok");
    await alice.getByTestId("messages").getByText("from the panel's hook").waitFor();

    await alice.getByTestId("me").click();
    const tokens = alice.getByTestId("access-tokens");
    await tokens.getByTestId("token-name").fill("backup script");
    await tokens.getByTestId("add-token").click();
    const made = await tokens.getByTestId("new-token").inputValue();
    expect(made).toMatch(/^ntk_/);
    expect((await http(server.url, "GET", "/api/me", { token: made })).status).toBe(200);
    expect((await http(server.url, "POST", "/api/rooms/alerts/messages", { token: made, body: { text: "x", clientMsgId: "ro" } })).status).toBe(403);
    expect(await axeViolations(alice, "[data-testid=access-tokens]")).toEqual([]);
    await tokens.getByRole("button", { name: "Revoke backup script" }).click();
    await tokens.getByTestId("access-token").waitFor({ state: "detached" });
    expect((await http(server.url, "GET", "/api/me", { token: made })).status).toBe(401);
  });

  it("the commands' help is in Chinese for a reader in zh-CN", async () => {
    const chinese = await browser.newContext({ locale: "zh-CN", viewport: { width: 1100, height: 720 } });
    try {
      await chinese.addCookies([{ name: "natter_session", value: token, url: server.url }]);
      const page = await chinese.newPage();
      page.setDefaultTimeout(UI_TIMEOUT);
      await page.goto(server.url);
      await page.getByTestId("composer").pressSequentially("/dn");
      await page.getByTestId("command-suggestions").getByText("一段时间内勿扰（30m、1h、2d），或 off 关闭").waitFor();
    } finally {
      await chinese.close();
    }
  });
});
