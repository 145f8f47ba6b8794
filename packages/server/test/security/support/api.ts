import { io, type Socket } from "socket.io-client";

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface Call {
  method: string;
  path: string;
  token?: string | undefined;
  body?: unknown;
  /** Sent as-is (uploads, malformed JSON); wins over `body`. */
  raw?: string | Uint8Array | undefined;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One HTTP request as a browser-less program makes it; the body is parsed when it is JSON. */
export async function call(url: string, request: Call): Promise<Answer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | Uint8Array | undefined = request.raw;
  if (body === undefined && request.body !== undefined) body = JSON.stringify(request.body);
  if (body !== undefined) headers["content-type"] = request.contentType ?? "application/json";
  // Redirects are answers too (single sign-on's legs): seen, not followed.
  const response = await fetch(`${url}${request.path}`, { method: request.method, headers, body, redirect: "manual" });
  const text = await response.text();
  return { status: response.status, body: parseJson(text), headers: response.headers };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A refusal's `{ code, message }`, or undefined when the answer is not one. */
export function refusal(answer: Answer): { code: string; message: string } | undefined {
  const error = (answer.body as { error?: unknown } | null)?.error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" && typeof message === "string" ? { code, message } : undefined;
}

/** A guest account (no password hashing, so it is quick); returns its token. */
export async function guestToken(url: string, username: string): Promise<string> {
  const answer = await call(url, { method: "POST", path: "/api/auth/guest", body: { username } });
  const token = (answer.body as { token?: unknown }).token;
  if (answer.status !== 201 || typeof token !== "string") throw new Error(`guest ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}

export async function registeredToken(url: string, username: string, password: string): Promise<string> {
  const answer = await call(url, { method: "POST", path: "/api/auth/register", body: { username, password } });
  const token = (answer.body as { token?: unknown }).token;
  if (answer.status !== 201 || typeof token !== "string") throw new Error(`register ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}

/** A raw Socket.IO connection (no SDK retries), for seeing exactly what the server answers. */
export function rawSocket(url: string, auth: Record<string, unknown>, options: { extraHeaders?: Record<string, string> } = {}): Socket {
  return io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: options.extraHeaders });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
}

/** The handshake's refusal: the error's data `{ code, message }` (or its message for transport-level refusals). */
export function refusedHandshake(socket: Socket): Promise<{ code?: string; message: string }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("the handshake was accepted")));
    socket.once("connect_error", (error: Error & { data?: { code?: string; message?: string } }) =>
      resolve({ code: error.data?.code, message: error.data?.message ?? error.message }),
    );
  });
}

export async function ack(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<unknown> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}
