import { isErrorBody, pathOf, validationRules, type ValidationRule, type ErrorBody, type Route, type RouteBody, type RouteReply } from "@natter/protocol";
import { NatterError } from "./errors.js";

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  token: () => string | null;
}

export interface CallInput<R extends Route> {
  /** Fills the route's `:name` parts. */
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  /** JSON, or raw bytes for an upload. */
  body?: RouteBody<R> | Blob;
  signal?: AbortSignal;
}

/**
 * Calls a route of the protocol's table: JSON over fetch, with the bearer token when there is one (else the
 * session cookie). The reply is checked against the route's schema, so a caller gets what the types say.
 */
export async function call<R extends Route>(options: HttpOptions, route: R, input: CallInput<R> = {}): Promise<RouteReply<R>> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = options.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const { body } = input;
  const raw = body instanceof Blob;
  if (body !== undefined) headers["content-type"] = raw ? "application/octet-stream" : "application/json";
  const response = await options.fetch(urlOf(options, route, input), {
    method: route.method,
    headers,
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    credentials: "same-origin",
    signal: input.signal,
  });
  const payload: unknown = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new NatterError(errorBodyOf(payload, response.status), response.status);
  return replyOf(route, payload);
}

/** A route that answers bytes (a file, an archive): the body as a Blob, or the server's refusal as a NatterError. */
export async function fetchBytes<R extends Route>(options: HttpOptions, route: R, input: CallInput<R> = {}): Promise<Blob> {
  const token = options.token();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await options.fetch(urlOf(options, route, input), { method: route.method, headers, credentials: "same-origin", signal: input.signal });
  if (!response.ok) throw new NatterError(errorBodyOf(await response.json().catch(() => ({})), response.status), response.status);
  return response.blob();
}

/** Browsers report upload progress only through XMLHttpRequest. */
export function uploadWithProgress<R extends Route>(
  options: HttpOptions,
  route: R,
  input: CallInput<R> & { body: Blob; onProgress?: (fraction: number) => void },
): Promise<RouteReply<R>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(route.method, urlOf(options, route, input));
    const token = options.token();
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => event.lengthComputable && input.onProgress?.(event.loaded / event.total);
    xhr.onerror = () => reject(new NatterError({ code: "UNAVAILABLE", message: "The upload failed" }));
    xhr.onabort = () => reject(new NatterError({ code: "BAD_REQUEST", message: "The upload was cancelled" }));
    xhr.onload = () => {
      const payload: unknown = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return {};
        }
      })();
      if (xhr.status < 200 || xhr.status >= 300) return reject(new NatterError(errorBodyOf(payload, xhr.status), xhr.status));
      try {
        resolve(replyOf(route, payload));
      } catch (error) {
        reject(error);
      }
    };
    input.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(input.body);
  });
}

/** The route's path with its parameters filled in and encoded, and the query string. */
export function urlOf<R extends Route>(options: HttpOptions, route: R, { params = {}, query = {} }: CallInput<R>): string {
  const path = pathOf(route, params);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const queryString = search.toString();
  return `${options.baseUrl}${path}${queryString ? `?${queryString}` : ""}`;
}

/** A reply that does not match the protocol is the server's fault: INTERNAL, as a proxy's garbage would be. */
function replyOf<R extends Route>(route: R, payload: unknown): RouteReply<R> {
  if (!route.response) throw new TypeError(`${route.path} answers bytes, not JSON`);
  const parsed = route.response.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NatterError({
      code: "INTERNAL",
      message: `Unexpected reply to ${route.method} ${route.path}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`,
    });
  }
  return parsed.data as RouteReply<R>;
}

/** The server's `{ error: { code, message } }`, or a plain INTERNAL error for anything else a proxy may answer. */
function errorBodyOf(payload: unknown, status: number): ErrorBody {
  const error = typeof payload === "object" && payload !== null ? (payload as { error?: unknown }).error : undefined;
  if (!isErrorBody(error)) return { code: "INTERNAL", message: `HTTP ${status}` };
  const { retryAfterMs, field, rule, limit } = error as { retryAfterMs?: unknown; field?: unknown; rule?: unknown; limit?: unknown };
  return {
    code: error.code,
    message: error.message,
    ...(typeof retryAfterMs === "number" ? { retryAfterMs } : {}),
    ...(typeof field === "string" ? { field } : {}),
    ...(validationRules.some((known) => known === rule) ? { rule: rule as ValidationRule } : {}),
    ...(typeof limit === "number" ? { limit } : {}),
  };
}
