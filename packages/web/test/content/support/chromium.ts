import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const chromiumInstalled = existsSync(CHROMIUM);
if (process.env.CI && !chromiumInstalled) throw new Error(`CI must provide Chromium at ${CHROMIUM} (or CHROMIUM_PATH)`);
export const chromiumSkipReason = chromiumInstalled ? undefined : `skipped: no Chromium at ${CHROMIUM} (CI has one)`;
if (chromiumSkipReason) console.warn(chromiumSkipReason);

export interface ContentPage {
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

const PAGE_URL = "http://natter.test/";

/**
 * A page in real Chromium with a harness bundle loaded (support/pageEntry.tsx unless told otherwise), the network
 * cut off, and a trap on `window` that records every alert/confirm/prompt/print and `pwned()` call in `window.__xss`.
 * The page has a real origin (served by the test itself), so localStorage works.
 */
export async function openContentPage(entry = "pageEntry.tsx"): Promise<ContentPage> {
  const script = await bundleHarness(entry);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000 });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // Only the page itself is served: nothing a vector names may be fetched, and nothing depends on the network.
  await page.route("**/*", (route) =>
    route.request().url() === PAGE_URL ? route.fulfill({ contentType: "text/html", body: "<!doctype html><meta charset=utf-8><body></body>" }) : route.abort(),
  );
  await page.addInitScript({ content: TRAP });
  await page.goto(PAGE_URL);
  await page.addScriptTag({ content: script });
  return { page, pageErrors, close: () => browser.close() };
}

// A string, not a function: Playwright would serialise a function's compiled text, helpers and all.
const TRAP = `
  window.__xss = [];
  for (const name of ["alert", "confirm", "prompt", "print", "pwned"]) {
    window[name] = (...args) => { window.__xss.push(name + "(" + args.map(String).join(", ") + ")"); };
  }
`;

async function bundleHarness(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".css": "empty" },
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no bundle for the content harness");
  return output.text;
}
