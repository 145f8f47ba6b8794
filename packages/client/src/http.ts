import { isErrorBody, type ErrorBody } from "@natter/protocol";
import { NatterError } from "./errors.js";

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  token: () => string | null;
}

/** JSON over fetch: sends the bearer token when there is one, else relies on the session cookie. */
export async function request<T>(options: HttpOptions, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = options.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const raw = body instanceof Blob;
  if (body !== undefined) headers["content-type"] = raw ? "application/octet-stream" : "application/json";
  const response = await options.fetch(`${options.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    credentials: "same-origin",
    signal,
  });
  const payload: unknown = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new NatterError(errorBodyOf(payload, response.status), response.status);
  }
  return payload as T;
}

/** Browsers report upload progress only through XMLHttpRequest. */
export function uploadWithProgress<T>(
  options: HttpOptions,
  path: string,
  body: Blob,
  { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${options.baseUrl}${path}`);
    const token = options.token();
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
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
      if (xhr.status >= 200 && xhr.status < 300) return resolve((payload as { file: T }).file);
      reject(new NatterError(errorBodyOf(payload, xhr.status), xhr.status));
    };
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
}

/** The server's `{ error: { code, message } }`, or a plain INTERNAL error for anything else a proxy may answer. */
function errorBodyOf(payload: unknown, status: number): ErrorBody {
  const error = typeof payload === "object" && payload !== null ? (payload as { error?: unknown }).error : undefined;
  return isErrorBody(error) ? { code: error.code, message: error.message } : { code: "INTERNAL", message: `HTTP ${status}` };
}
