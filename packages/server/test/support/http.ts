import { io, type Socket } from "socket.io-client";

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface HttpCall {
  token?: string | undefined;
  body?: unknown;
  /** Sent exactly as given (malformed JSON, say); wins over `body`. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** One HTTP request as a program makes it; a JSON answer is parsed. */
export async function http(url: string, method: string, path: string, call: HttpCall = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const body = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: parseJson(text), headers: response.headers };
}

/** A guest's session token, the quickest way to a signed-in user. */
export async function guestToken(url: string, username: string): Promise<string> {
  const answer = await http(url, "POST", "/api/auth/guest", { body: { username } });
  const token = (answer.body as { token?: unknown } | null)?.token;
  if (typeof token !== "string") throw new Error(`guest ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}

/** A Socket.IO connection without the SDK's retries, to see exactly what the server answers. */
export async function rawSocket(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** The ack of one event, as the server sent it. */
export function ask(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<unknown> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
