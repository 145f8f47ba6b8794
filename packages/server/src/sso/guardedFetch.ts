import type { CustomFetch } from "openid-client";
import type { IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isPrivateAddress, literalAddress, publicOnlyLookup } from "../notify/privateAddress.js";

/** The largest answer read from the provider: discovery documents, key sets and tokens are a few KB. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const publicOnly = publicOnlyLookup("OpenID provider");

/**
 * The fetch openid-client makes its requests with. Unless private addresses are allowed (OIDC_ALLOW_PRIVATE), only
 * https to a host that resolves to public addresses only, checked as each connection is made; openid-client
 * follows no redirects (it asks for `redirect: "manual"`), so every hop is one of these checked requests.
 */
export function guardedFetch(allowPrivate: boolean): CustomFetch {
  if (allowPrivate) return (url, options) => fetch(url, { ...options, body: bodyOf(options.body) });
  return (url, options) => {
    const target = new URL(url);
    const address = literalAddress(target.hostname);
    if (target.protocol !== "https:" || (address !== undefined && isPrivateAddress(address)))
      return Promise.reject(new Error(`OpenID provider request refused: ${target.origin} is not public https`));
    return new Promise((resolve, reject) => {
      const request = httpsRequest(target, { method: options.method, headers: options.headers, lookup: publicOnly, signal: options.signal }, (answer) =>
        readAnswer(answer).then(resolve, reject),
      );
      request.on("error", reject);
      request.end(bodyOf(options.body));
    });
  };
}

function bodyOf(body: Parameters<CustomFetch>[1]["body"]): string | Uint8Array<ArrayBuffer> | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError("streamed bodies are not sent to the OpenID provider");
}

async function readAnswer(answer: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > MAX_ANSWER_BYTES) {
      answer.destroy();
      throw new Error("the OpenID provider's answer is too large");
    }
    chunks.push(bytes);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const status = answer.statusCode ?? 502;
  const empty = status === 204 || status === 304 || (status >= 300 && status < 400 && size === 0);
  return new Response(empty ? null : Buffer.concat(chunks), { status, headers });
}
