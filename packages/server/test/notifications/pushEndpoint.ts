import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";

export interface Delivered {
  path: string;
  payload: { title: string; body: string; url: string; room: string; seq: number };
}

/**
 * A push service on loopback, as a browser vendor runs one: it checks the VAPID Authorization header (RFC 8292)
 * against the server's public key and decrypts the body (RFC 8291) with the subscription's own keys.
 */
export class PushEndpoint {
  readonly delivered: Delivered[] = [];
  readonly refused: string[] = [];
  /** Status to answer per path; 201 otherwise. */
  readonly answers = new Map<string, number[]>();
  private readonly keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string }>();
  private server: Server | undefined;
  private origin = "";

  constructor(private readonly vapidPublicKey: () => string) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "";
        const status = this.answers.get(path)?.shift() ?? 201;
        const problem = this.check(path, request.headers.authorization, request.headers["content-encoding"], Buffer.concat(chunks));
        if (problem) this.refused.push(problem);
        response.writeHead(problem ? 400 : status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A browser's PushSubscription for a new endpoint path: a P-256 key pair and 16 random auth bytes. */
  subscription(path: string): { endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16).toString("base64url");
    this.keys.set(path, { ecdh, auth });
    return { endpoint: `${this.origin}${path}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth } };
  }

  private check(path: string, authorization: string | undefined, encoding: string | undefined, body: Buffer): string | undefined {
    const keys = this.keys.get(path);
    if (!keys) return `unknown endpoint ${path}`;
    if (encoding !== "aes128gcm") return `content-encoding ${encoding ?? "none"}`;
    const problem = this.checkVapid(authorization);
    if (problem) return problem;
    const payload = JSON.parse(decrypt(body, { version: "aes128gcm", privateKey: keys.ecdh, authSecret: keys.auth }).toString("utf8")) as Delivered["payload"];
    this.delivered.push({ path, payload });
    return undefined;
  }

  /** `vapid t=<JWT>, k=<key>`: the key is the server's, the JWT is signed by it (ES256) for this origin, not expired. */
  private checkVapid(authorization: string | undefined): string | undefined {
    const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? "");
    if (!match?.[1] || !match[2]) return `authorization ${authorization ?? "missing"}`;
    if (match[2] !== this.vapidPublicKey()) return "k is not the server's public key";
    const [header, claims, signature] = match[1].split(".") as [string, string, string];
    const raw = Buffer.from(match[2], "base64url");
    const key = createPublicKey({
      key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") },
      format: "jwk",
    });
    const signed = verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
    if (!signed) return "JWT signature does not verify";
    const { aud, exp, sub } = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as { aud: string; exp: number; sub: string };
    if (aud !== this.origin) return `aud ${aud}`;
    if (!(exp * 1000 > Date.now()) || !sub) return "expired or no subject";
    return undefined;
  }
}
