/// <reference lib="dom" />
import type { Browser, Page } from "playwright-core";
import { NatterApi } from "../lib/natterApi.js";
import { latencySummary } from "../lib/stats.js";

export interface LongRoomResult {
  /** Messages loaded into the open room's list when the page was counted. */
  messages: number;
  /** Every element in the page (issue 19: under 2,000 with 5,000 messages loaded). */
  domNodes: number;
  /** Message rows actually drawn. */
  rowsDrawn: number;
  /** Places Tab stops at before it reaches the composer (issue 19: 6,029 in a 2,000-message room before). */
  tabStopsBeforeComposer: number;
  /** Enter in the composer until the server's copy replaces the pending one (issue 19: under 150 ms). */
  sendConfirmMs: { p50: number; p99: number; count: number };
}

const SEED_LANES = 16;
const UI_TIMEOUT = 60_000;

/** A room with `messages` messages, all scrolled back into the page, then the reader's own sends timed. */
export async function measureLongRoom(browser: Browser, port: number, messages: number, sends: number): Promise<LongRoomResult> {
  const api = new NatterApi(port);
  const [writer, reader] = await Promise.all([api.guest("longwriter"), api.guest("longreader")]);
  await api.createRoom(writer, "long");
  await api.joinRoom(reader, "long");
  let next = 0;
  const lane = async () => {
    while (next < messages) {
      const index = next++;
      await api.call(writer, "POST", "/api/rooms/long/messages", { text: `long room message ${index}`, clientMsgId: `long-${index}` });
    }
  };
  await Promise.all(Array.from({ length: SEED_LANES }, lane));

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([{ name: "natter_session", value: reader, url: api.base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${api.base}/#long`);
    await page.getByTestId("message-rows").waitFor();
    await loadEverything(page, messages);
    await page.mouse.move(0, 0);
    const counted = await page.evaluate(() => ({
      messages: Number(document.querySelector("[data-testid=message-rows]")?.getAttribute("data-count")),
      domNodes: document.getElementsByTagName("*").length,
      rowsDrawn: document.querySelectorAll("[data-testid=messages] [data-testid=message]").length,
      // Focusable and in the Tab order, before the composer in the document (which is the order Tab follows here).
      tabStopsBeforeComposer: Array.from(
        document.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]"),
      ).filter(
        (element) =>
          element.tabIndex >= 0 &&
          element.getClientRects().length > 0 &&
          (document.querySelector("main [data-testid=composer]")?.compareDocumentPosition(element) ?? 0) & Node.DOCUMENT_POSITION_PRECEDING,
      ).length,
    }));
    await page.getByTestId("messages").evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
    const timings: number[] = [];
    for (let i = 0; i < sends; i++) timings.push(await timeOwnSend(page, `my own message ${i}`));
    return { ...counted, sendConfirmMs: latencySummary(timings) };
  } finally {
    await context.close();
  }
}

/** Scrolls to the top until the beginning of the room is loaded, one page of history at a time. */
async function loadEverything(page: Page, messages: number): Promise<void> {
  const rows = page.getByTestId("message-rows");
  for (;;) {
    const count = Number(await rows.getAttribute("data-count"));
    if (count >= messages) return;
    await page.getByTestId("messages").evaluate((list) => list.scrollTo({ top: 0 }));
    await page.waitForFunction((before) => Number(document.querySelector("[data-testid=message-rows]")?.getAttribute("data-count")) > before, count);
  }
}

/** Measured inside the page: from the Enter key to the moment the sent copy (not the pending one) is in the list. */
async function timeOwnSend(page: Page, text: string): Promise<number> {
  // A string, not a function: tsx would wrap the inner functions in a helper the page does not have.
  const confirmed = page.evaluate<number>(`new Promise((resolve) => {
    const wanted = ${JSON.stringify(text)};
    let started = 0;
    const onKey = (event) => { if (event.key === "Enter") started = performance.now(); };
    document.addEventListener("keydown", onKey, { capture: true });
    const sent = () => [...document.querySelectorAll("[data-testid=messages] [data-status=sent]")].some((row) => row.textContent.includes(wanted));
    const observer = new MutationObserver(() => {
      if (started === 0 || !sent()) return;
      observer.disconnect();
      document.removeEventListener("keydown", onKey, { capture: true });
      resolve(performance.now() - started);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })`);
  // Awaited below; this keeps a failure while the keys are pressed from going unhandled meanwhile.
  confirmed.catch(() => undefined);
  await page.getByTestId("composer").fill(text);
  await page.getByTestId("composer").press("Enter");
  return confirmed;
}
