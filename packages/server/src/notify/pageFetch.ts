import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LinkPreview } from "@natter/protocol";
import { pagePreview } from "./pageMeta.js";
import { publicOnlyLookup } from "./privateAddress.js";
import { checkUrl } from "./webhookSender.js";

/** Slack gives up on a page after a few seconds too: a slow site never holds a preview long. */
export const PAGE_TIMEOUT_MS = 3_000;
/** Enough for any page's <head>; a larger page is not previewed. */
export const PAGE_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface PageFetchOptions {
  /** Whether this hop may go to a private address (LINK_PREVIEW_ALLOW_PRIVATE answers for every hop). */
  allowPrivate: (url: URL) => boolean;
  timeoutMs?: number;
}

/** Why a page gives no preview; each is remembered like a found one, so a bad link is not fetched on every send. */
export class PageRefused extends Error {}

/**
 * GETs an HTML page for its preview: 3 s for the whole exchange, redirects included, each hop checked like the
 * first (the URL's literal address, then every address its name resolves to as the connection is made), only
 * text/html and only up to 1 MB.
 */
export async function fetchPage(url: string, options: PageFetchOptions): Promise<{ url: string; html: string }> {
  const deadline = Date.now() + (options.timeoutMs ?? PAGE_TIMEOUT_MS);
  let current = url;
  for (let hop = 0; ; hop++) {
    const target = new URL(current);
    const allowPrivate = options.allowPrivate(target);
    try {
      checkUrl(current, allowPrivate);
    } catch (error) {
      throw new PageRefused(error instanceof Error ? error.message : String(error));
    }
    const answer = await get(target, allowPrivate, deadline);
    if (answer.status >= 300 && answer.status < 400 && answer.location !== undefined) {
      if (hop >= MAX_REDIRECTS) throw new PageRefused("too many redirects");
      current = new URL(answer.location, current).toString();
      continue;
    }
    if (answer.status !== 200) throw new PageRefused(`the page answered ${answer.status}`);
    return { url: current, html: answer.body };
  }
}

function get(target: URL, allowPrivate: boolean, deadline: number): Promise<{ status: number; body: string; location?: string | undefined }> {
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const headers = { "user-agent": "NatterBot (link previews)", accept: "text/html" };
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { headers, ...(allowPrivate ? {} : { lookup: publicOnlyLookup("link preview") }) }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.resume();
        return resolve({ status, body: "", location: response.headers.location });
      }
      const type = String(response.headers["content-type"] ?? "");
      if (status === 200 && !/^text\/html\b|^application\/xhtml\+xml\b/i.test(type)) {
        response.destroy();
        return reject(new PageRefused(`not an HTML page (${type || "no type"})`));
      }
      const length = Number(response.headers["content-length"] ?? 0);
      if (length > PAGE_MAX_BYTES) {
        response.destroy();
        return reject(new PageRefused("the page is larger than 1 MB"));
      }
      readCapped(response).then((bytes) => resolve({ status, body: decode(bytes, type) }), reject);
    });
    const timer = setTimeout(() => outgoing.destroy(new PageRefused("timed out")), Math.max(0, deadline - Date.now()));
    outgoing.on("close", () => clearTimeout(timer));
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      reject((error as NodeJS.ErrnoException).code === "EPRIVATE" ? new PageRefused(error.message) : error);
    });
    outgoing.end();
  });
}

/** A page that goes on past 1 MB (with no length, or a false one) is cut off as it streams. */
function readCapped(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > PAGE_MAX_BYTES) return response.destroy(new PageRefused("the page is larger than 1 MB"));
      chunks.push(chunk);
    });
    response.on("end", () => resolve(Buffer.concat(chunks)));
    response.on("error", reject);
    response.on("aborted", () => reject(new PageRefused("the page was cut off")));
  });
}

/**
 * The page as text in its own encoding: the Content-Type's charset, else a <meta charset> near the top (many
 * Chinese sites still serve GBK), else UTF-8; an encoding Node does not know is read as UTF-8.
 */
function decode(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 1024).toString("latin1");
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** The fetcher of link previews: the page (checked as above), then its OpenGraph tags or title. */
export function previewFetcher(allowPrivate: boolean): (url: string) => Promise<LinkPreview | null> {
  return async (url) => {
    const page = await fetchPage(url, { allowPrivate: () => allowPrivate });
    return pagePreview(url, page.html);
  };
}
