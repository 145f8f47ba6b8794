import { authResponseSchema } from "@natter/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { http, type HttpAnswer } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";

const PASSWORD = "correct horse battery";

describe("logging in", { timeout: 120_000 }, () => {
  let server: RunningNatter | undefined;
  afterEach(async () => {
    await server?.cleanup();
    server = undefined;
  }, 60_000);

  let clockOffset = 0;
  async function freshServer(): Promise<RunningNatter> {
    clockOffset = 0;
    server = await startNatter({ clock: () => Date.now() + clockOffset });
    return server;
  }

  const login = (url: string, username: string, password: string) => http(url, "POST", "/api/auth/login", { body: { username, password } });
  const refusal = (answer: HttpAnswer) => ({ status: answer.status, body: answer.body });

  it("a wrong password and an unknown name get the very same answer", async () => {
    const { url } = await freshServer();
    await http(url, "POST", "/api/auth/register", { body: { username: "alice", password: PASSWORD } });
    const wrongPassword = await login(url, "alice", "not the password");
    const unknownUser = await login(url, "nobody", "not the password");
    expect(refusal(wrongPassword)).toEqual({ status: 401, body: { error: { code: "INVALID_CREDENTIALS", message: expect.any(String) } } });
    expect(refusal(unknownUser)).toEqual(refusal(wrongPassword));
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it("a guest account has no password to log in with", async () => {
    const { url } = await freshServer();
    await http(url, "POST", "/api/auth/guest", { body: { username: "visitor" } });
    expect(refusal(await login(url, "visitor", PASSWORD))).toEqual(refusal(await login(url, "nobody", PASSWORD)));
  });

  it("after 10 failed log-ins an account answers 429 for 15 minutes, even to the right password, while other accounts still log in", async () => {
    const { url } = await freshServer();
    for (const name of ["bob", "carol"]) await http(url, "POST", "/api/auth/register", { body: { username: name, password: PASSWORD } });
    for (let i = 1; i <= 10; i++) expect((await login(url, "bob", `wrong ${i}`)).status, `attempt ${i}`).toBe(401);
    const eleventh = await login(url, "BOB", PASSWORD);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(authResponseSchema.parse((await login(url, "carol", PASSWORD)).body).user.username).toBe("carol");

    clockOffset = 14 * 60_000;
    expect((await login(url, "bob", PASSWORD)).status).toBe(429);
    clockOffset = 15 * 60_000 + 1_000;
    expect((await login(url, "bob", PASSWORD)).status).toBe(200);
  });

  it("a successful log-in forgets the account's earlier failures", async () => {
    const { url } = await freshServer();
    await http(url, "POST", "/api/auth/register", { body: { username: "dave", password: PASSWORD } });
    for (let i = 1; i <= 9; i++) await login(url, "dave", `wrong ${i}`);
    expect((await login(url, "dave", PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 9; i++) expect((await login(url, "dave", `wrong again ${i}`)).status).toBe(401);
    expect((await login(url, "dave", PASSWORD)).status).toBe(200);
  });

  it("after 50 failed log-ins from one address, every log-in from it answers 429", async () => {
    const { url } = await freshServer();
    await http(url, "POST", "/api/auth/register", { body: { username: "erin", password: PASSWORD } });
    for (let i = 1; i <= 50; i++) expect((await login(url, `stranger${i}`, "guessing")).status, `attempt ${i}`).toBe(401);
    const next = await login(url, "erin", PASSWORD);
    expect(next.status).toBe(429);
    expect(next.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});
