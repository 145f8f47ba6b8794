import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isPrivateAddress, literalAddress, publicOnlyLookup } from "./privateAddress.js";

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/** What the push service answered; 0 when it could not be reached. */
export type PushAnswer = { status: number };

const TIMEOUT_MS = 10_000;

/**
 * Sends one prepared Web Push request over http or https (web-push's own sender speaks only https). Unless
 * private endpoints are allowed, the address the host resolves to is checked as the connection is made, so a
 * name that resolves inside the network (or changes to such an address later) is refused.
 */
export function sendPush(push: PushRequest, allowPrivate: boolean): Promise<PushAnswer> {
  const url = new URL(push.endpoint);
  const address = literalAddress(url.hostname);
  if (!allowPrivate && (url.protocol !== "https:" || (address !== undefined && isPrivateAddress(address))))
    return Promise.reject(new Error("push endpoint refused: private or not https"));
  const options: RequestOptions = { method: push.method, headers: push.headers, timeout: TIMEOUT_MS, ...(allowPrivate ? {} : { lookup: publicOnlyLookup }) };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("push service timed out")));
    request.on("error", reject);
    request.end(push.body ?? undefined);
  });
}
