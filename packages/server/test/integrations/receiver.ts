import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether X-Natter-Signature is the HMAC of "<X-Natter-Timestamp>.<body>" with the secret. */
  signed: boolean;
}

/** What the receiver does with a request: answer it (a status and body), or hold it until the receiver stops. */
export type Behaviour = (
  request: Received,
  count: number,
) => { status: number; body?: string | Uint8Array; contentType?: string; headers?: Record<string, string> } | "hold";

/**
 * A webhook receiver on loopback, as an outside tool would run one: it records every request, checks the
 * signature against the secret it is told, and answers as the test's behaviour says.
 */
export class Receiver {
  readonly received: Received[] = [];
  secret = "";
  behaviour: Behaviour = () => ({ status: 200 });
  private server: Server | undefined;
  private readonly held: ServerResponse[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const entry = { path: request.url ?? "", headers: request.headers, body, signed: verify(this.secret, request.headers, body) };
        this.received.push(entry);
        const answer = this.behaviour(entry, this.received.length);
        if (answer === "hold") return void this.held.push(response);
        response.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json", ...answer.headers });
        response.end(answer.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The JSON bodies received, parsed. */
  bodies<T>(): T[] {
    return this.received.map((entry) => JSON.parse(entry.body) as T);
  }
}

export function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers["x-natter-timestamp"];
  const signature = headers["x-natter-signature"];
  if (typeof timestamp !== "string" || typeof signature !== "string" || secret === "") return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
