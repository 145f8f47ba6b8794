/**
 * `npm run screenshots`: the main screens in English and Chinese, at a desktop width (1280 px) and a phone's
 * (390 px), written to docs/screenshots/{screen}-{language}-{width}.png. The web app is built from its sources
 * and served by a real server with a small team's day of chat; Chromium (playwright-core) takes the pictures.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { closeAll, firstAdmin, guest } from "../../server/test/support/people.js";
import type { RunningNatter } from "../../server/test/support/server.js";
import { openWebApp } from "./browser/support/browser.js";

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const PASSWORD = "correct horse battery";
const LANGUAGES = [
  { name: "en", locale: "en-US" },
  { name: "zh-CN", locale: "zh-CN" },
] as const;
const WIDTHS = [1280, 390] as const;

interface Shot {
  name: string;
  signedIn: boolean;
  path: string;
  /** The test id that says the screen is drawn. */
  ready: string;
}

/** Add a screen here (directory, profile…) and it is taken in both languages at both widths. */
const SHOTS: Shot[] = [
  { name: "login", signedIn: false, path: "/", ready: "login-username" },
  { name: "chat", signedIn: true, path: "/#general", ready: "composer" },
  { name: "admin", signedIn: true, path: "/admin/overview", ready: "console" },
];

async function seed(server: RunningNatter): Promise<void> {
  await firstAdmin(server, "ada", PASSWORD);
  const chat = server.natter.chat;
  await chat.createRoom({ username: "ada", name: "design", topic: "Screens, words and icons" });
  const bob = await guest(server.url, "bob");
  const mei = await guest(server.url, "mei");
  await bob.join("general");
  await mei.join("general");
  await chat.sendMessage({
    username: "ada",
    room: "general",
    text: "Good morning! The release notes are in **docs/releases.md** — please read them before the 11:00 call.",
  });
  const question = await bob.send("general", "Does the new build keep drafts per room? I lost one yesterday.");
  await mei.send("general", "大家好！新版本的中文界面我已经检查过了，看起来不错 👍");
  await chat.sendMessage({
    username: "ada",
    room: "general",
    text: "It does now. To try it:\n\n1. Open a room\n2. Type something\n3. Switch rooms and come back",
  });
  await chat.sendMessage({ username: "ada", room: "general", text: '```ts\nconst draft = drafts.get(room) ?? "";\n```' });
  await mei.send("general", "Thanks @ada, works for me.", { replyTo: question.id, inRoom: false });
  await bob.react("general", question.id, "👍", true);
}

async function page(browser: Browser, locale: string, width: number): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: width > 600 ? 800 : 844 }, deviceScaleFactor: 1 });
  const opened = await context.newPage();
  opened.setDefaultTimeout(20_000);
  return opened;
}

async function signIn(tab: Page, url: string): Promise<void> {
  await tab.goto(url);
  await tab.getByTestId("login-username").fill("ada");
  await tab.getByTestId("login-password").fill(PASSWORD);
  await tab.getByTestId("login-submit").click();
  await tab.getByTestId("composer").waitFor();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = await openWebApp();
  try {
    await seed(app.server);
    for (const language of LANGUAGES) {
      for (const width of WIDTHS) {
        for (const shot of SHOTS) {
          const tab = await page(app.browser, language.locale, width);
          if (shot.signedIn) await signIn(tab, app.server.url);
          await tab.goto(`${app.server.url}${shot.path}`);
          await tab.getByTestId(shot.ready).first().waitFor();
          // Fonts and highlighted code settle, and the caret is not caught mid-blink.
          await tab.evaluate(() => document.fonts.ready.then(() => undefined));
          await tab.mouse.move(0, 0);
          const file = `${OUT}${shot.name}-${language.name}-${width}.png`;
          await tab.screenshot({ path: file, caret: "hide", animations: "disabled" });
          console.log(`wrote ${file}`);
          await tab.context().close();
        }
      }
    }
  } finally {
    closeAll();
    await app.close();
  }
}

await main();
