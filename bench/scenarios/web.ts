import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { NatterApi } from "../lib/natterApi.js";
import { startNatter } from "../lib/servers.js";
import { latencySummary } from "../lib/stats.js";
import { measureLongRoom, type LongRoomResult } from "./webLongRoom.js";

const webDist = fileURLToPath(new URL("../../packages/web/dist/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type WebResult =
  | { skipped: string }
  | {
      jsGzipBytes: number;
      cssGzipBytes: number;
      files: Record<string, number>;
      firstMessageMs?: { p50: number; p99: number; count: number };
      firstMessageError?: string;
      longRoom?: LongRoomResult;
      longRoomError?: string;
    };

/** Issue 19: a room this long, every message scrolled back into the page, then this many of the reader's own sends. */
export interface LongRoomSize {
  messages: number;
  sends: number;
}

/**
 * What the first page load downloads (gzip), how long until a message is on screen in headless Chromium,
 * and how a long room weighs on the page (elements, and confirming one's own send).
 */
export async function runWeb(loads: number, longRoom: LongRoomSize): Promise<WebResult> {
  const index = join(webDist, "index.html");
  if (!existsSync(index)) return { skipped: "packages/web/dist/index.html is missing: build the web app first (npm run build)" };
  const files = firstLoadFiles(readFileSync(index, "utf8"));
  let js = 0;
  let css = 0;
  for (const [file, bytes] of Object.entries(files)) {
    if (file.endsWith(".js")) js += bytes;
    else if (file.endsWith(".css")) css += bytes;
  }
  if (loads === 0) return { jsGzipBytes: js, cssGzipBytes: css, files };
  if (!existsSync(CHROMIUM)) return { jsGzipBytes: js, cssGzipBytes: css, files, firstMessageError: `no Chromium at ${CHROMIUM}` };
  const sizes = { jsGzipBytes: js, cssGzipBytes: css, files };
  const first = await timeToFirstMessage(loads).then(
    (firstMessageMs) => ({ firstMessageMs }),
    (error: unknown) => ({ firstMessageError: String(error).slice(0, 300) }),
  );
  const long = await inLongRoom(longRoom).then(
    (result) => ({ longRoom: result }),
    (error: unknown) => ({ longRoomError: String(error).slice(0, 300) }),
  );
  return { ...sizes, ...first, ...long };
}

async function inLongRoom(size: LongRoomSize): Promise<LongRoomResult> {
  const server = await startNatter();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    return await measureLongRoom(browser, server.port, size.messages, size.sends);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Scripts, module preloads and style sheets named in index.html, with their gzip sizes. */
function firstLoadFiles(html: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) {
    const file = match[1] ?? "";
    const path = join(webDist, file);
    if (existsSync(path)) files[file] = gzipSync(readFileSync(path)).length;
  }
  return files;
}

async function timeToFirstMessage(loads: number): Promise<{ p50: number; p99: number; count: number }> {
  const server = await startNatter();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const api = new NatterApi(server.port);
    const token = await api.guest("webreader");
    const text = `first message ${Date.now()}`;
    await api.call(token, "POST", "/api/rooms/general/messages", { text, clientMsgId: "web-first" });
    const timings: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      await context.addCookies([{ name: "natter_session", value: token, url: api.base }]);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(api.base);
      await page.getByText(text).first().waitFor({ state: "visible", timeout: 30_000 });
      timings.push(performance.now() - started);
      await context.close();
    }
    return latencySummary(timings);
  } finally {
    await browser.close();
    await server.stop();
  }
}
