import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isPrivateAddress, literalAddress, publicOnlyLookup } from "./privateAddress.js";

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What the receiver answered, its body cut at ANSWER_MAX_BYTES. */
export interface WebhookAnswer {
  status: number;
  body: string;
  contentType: string;
}

export interface SendOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
}

/** Slack's receivers answer within 3 s; Natter waits 5 s for the whole exchange, redirects included. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 3;
const ANSWER_MAX_BYTES = 64 * 1024;

/** Refused before anything is sent: the URL names a private address, or is not http(s). */
export class UnsafeUrl extends Error {}

/**
 * POSTs to an outgoing webhook or a slash command's URL. Unless private addresses are allowed, each hop (the URL,
 * then every redirect) is checked on the address its name resolves to as the connection is made.
 */
export async function postWebhook(request: WebhookRequest, options: SendOptions): Promise<WebhookAnswer> {
  const deadline = Date.now() + (options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  let url = request.url;
  let method = "POST";
  for (let hop = 0; ; hop++) {
    checkUrl(url, options.allowPrivate);
    const answer = await exchange(url, method, method === "POST" ? request : { ...request, body: "" }, options.allowPrivate, deadline);
    const location = answer.location;
    if (answer.status < 300 || answer.status >= 400 || location === undefined) return answer;
    if (hop >= MAX_REDIRECTS) throw new Error("too many redirects");
    url = new URL(location, url).toString();
    // 307 and 308 repeat the POST; the older redirects turn it into a GET, as browsers do.
    if (answer.status !== 307 && answer.status !== 308) method = "GET";
  }
}

export function checkUrl(url: string, allowPrivate: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeUrl("not a URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UnsafeUrl("only http and https URLs are called");
  const address = literalAddress(parsed.hostname);
  if (!allowPrivate && address !== undefined && isPrivateAddress(address)) throw new UnsafeUrl(`${parsed.hostname} is a private address`);
}

function exchange(
  url: string,
  method: string,
  request: WebhookRequest,
  allowPrivate: boolean,
  deadline: number,
): Promise<WebhookAnswer & { location?: string | undefined }> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const headers =
    method === "POST"
      ? { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) }
      : { "user-agent": request.headers["user-agent"] ?? "Natter" };
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method, headers, ...(allowPrivate ? {} : { lookup: publicOnlyLookup("webhook target") }) }, (response) => {
      readCapped(response).then(
        (body) =>
          resolve({
            status: response.statusCode ?? 0,
            body,
            contentType: String(response.headers["content-type"] ?? ""),
            location: response.headers.location,
          }),
        reject,
      );
    });
    const timer = setTimeout(() => outgoing.destroy(new Error("timed out")), Math.max(0, deadline - Date.now()));
    outgoing.on("close", () => clearTimeout(timer));
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(method === "POST" ? request.body : undefined);
  });
}

/** A receiver that answers megabytes is cut off: only a short reply is ever used. */
function readCapped(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > ANSWER_MAX_BYTES) return response.destroy(new Error("the answer is too long"));
      chunks.push(chunk);
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
    response.on("aborted", () => reject(new Error("the answer was cut off")));
  });
}
