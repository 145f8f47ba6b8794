import { sleep } from "./proc.js";

/** Natter's REST API, as the bench needs it to set up users and rooms. */
export class NatterApi {
  constructor(private readonly port: number) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Guest sessions for `count` new users named `prefix0`, `prefix1`…, created `concurrency` at a time. */
  async guests(prefix: string, count: number, concurrency = 16): Promise<string[]> {
    const tokens: string[] = new Array<string>(count);
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const index = next++;
        tokens[index] = await this.guest(`${prefix}${index}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return tokens;
  }

  async guest(username: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      // A 503 may come after the account was made: the next try takes another name rather than meet USERNAME_TAKEN.
      const response = await fetch(`${this.base}/api/auth/guest`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: attempt === 0 ? username : `${username}r${attempt}` }),
      });
      // Refused for speed (429) or while the database is busy (503, a loaded machine): the bench's setup waits and tries again.
      if ((response.status === 429 || response.status === 503) && attempt < 20) {
        await sleep(1000);
        continue;
      }
      if (!response.ok) throw new Error(`guest ${username}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { token: string };
      return body.token;
    }
  }

  createRoom(token: string, name: string): Promise<unknown> {
    return this.call(token, "POST", "/api/rooms", { name });
  }

  joinRoom(token: string, name: string): Promise<unknown> {
    return this.call(token, "POST", `/api/rooms/${encodeURIComponent(name)}/join`);
  }

  async call(token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
