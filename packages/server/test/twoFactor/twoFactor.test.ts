import { NatterClient, SecondFactorRequired } from "@natter/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAudit } from "../../src/domain/audit.js";
import { setRole } from "../../src/domain/setup.js";
import { currentCode } from "../../src/domain/twoFactor/totp.js";
import { onBothStores } from "../notifications/bothStores.js";
import { http, type HttpAnswer } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";

type Body = Record<string, unknown> & { error?: { code: string } };
const body = (answer: HttpAnswer) => answer.body as Body;
const codeOf = (answer: HttpAnswer) => [answer.status, body(answer).error?.code];

onBothStores((store, start) => {
  describe(`two-factor log-in on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    // The server's clock is the test's: codes, windows and tickets are proved without waiting.
    let now = 1_800_000_000_000;
    const password = "correct horse battery";

    beforeAll(async () => {
      ({ server, done } = await start({ clock: () => now, requireTwoFactorForStaff: true }));
    });
    afterAll(() => done());

    const register = async (username: string) => body(await http(server.url, "POST", "/api/auth/register", { body: { username, password } })).token as string;
    const login = (username: string) => http(server.url, "POST", "/api/auth/login", { body: { username, password } });
    const ticketOf = async (username: string) => (body(await login(username)).secondFactor as { ticket: string }).ticket;
    const finish = (ticket: string, code: string) => http(server.url, "POST", "/api/auth/login/code", { body: { ticket, code } });
    const nextStep = () => void (now += 30_000);

    /** Sets 2FA up for a new account; answers its secret, session and recovery codes. */
    async function enrolled(username: string) {
      const token = await register(username);
      const setup = body(await http(server.url, "POST", "/api/me/two-factor/setup", { token }));
      const secret = setup.secret as string;
      const confirmed = await http(server.url, "POST", "/api/me/two-factor/confirm", { token, body: { code: currentCode(secret, now) } });
      nextStep();
      return { token, secret, recoveryCodes: body(confirmed).recoveryCodes as string[] };
    }

    it("alice sets it up from a QR code and a key, confirmed by a first code; the secret is never shown again", async () => {
      const token = await register("alice");
      const setup = await http(server.url, "POST", "/api/me/two-factor/setup", { token });
      const { secret, uri, qrSvg } = body(setup) as { secret: string; uri: string; qrSvg: string };
      expect(uri).toBe(`otpauth://totp/Natter:alice?secret=${secret}&issuer=Natter`);
      expect(qrSvg).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>\s*$/);
      // Not on before a code confirms it: a log-in still needs only the password.
      expect(body(await login("alice")).token).toEqual(expect.any(String));
      expect(codeOf(await http(server.url, "POST", "/api/me/two-factor/confirm", { token, body: { code: "000000" } }))).toEqual([401, "BAD_CODE"]);

      const confirmed = await http(server.url, "POST", "/api/me/two-factor/confirm", { token, body: { code: currentCode(secret, now) } });
      const codes = body(confirmed).recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      const status = await http(server.url, "GET", "/api/me/two-factor", { token });
      expect(status.body).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });
      expect(JSON.stringify(status.body)).not.toContain(secret);
      // Stored sealed, never as the key itself.
      const row = await server.natter.domain.store.userById((body(await http(server.url, "GET", "/api/me", { token })).user as { id: number }).id);
      expect(row?.totp_secret).toEqual(expect.any(String));
      expect(row?.totp_secret).not.toContain(secret);
      // Setting up again while on is refused: it would replace the secret without a code.
      expect(codeOf(await http(server.url, "POST", "/api/me/two-factor/setup", { token }))).toEqual([400, "BAD_REQUEST"]);
    });

    it("after the password, log-in asks for the code: a ticket, no session and no cookie", async () => {
      const { secret } = await enrolled("bob");
      const answer = await login("bob");
      expect(answer.status).toBe(200);
      const step = body(answer).secondFactor as { ticket: string; enroll: boolean; expiresAt: number };
      expect(step).toEqual({ ticket: expect.any(String), enroll: false, expiresAt: now + 5 * 60_000 });
      expect(body(answer).token).toBeUndefined();
      expect(answer.headers.get("set-cookie")).toBeNull();
      // The ticket is no session, and the audit log has no log-in yet.
      expect((await http(server.url, "GET", "/api/me", { token: step.ticket })).status).toBe(401);
      const logins = async () => (await readAudit(server.natter.domain, { action: "login", limit: 50 })).filter((entry) => entry.target === "bob");
      expect(await logins()).toEqual([]);

      const finished = await finish(step.ticket, currentCode(secret, now));
      expect(finished.status).toBe(200);
      expect(finished.headers.get("set-cookie")).toContain("natter_session=");
      const session = body(finished).token as string;
      expect(body(await http(server.url, "GET", "/api/me", { token: session })).user).toMatchObject({ username: "bob" });
      expect(await logins()).toEqual([expect.objectContaining({ actor: "bob", details: { secondFactor: true } })]);
      // The ticket is used up.
      expect(codeOf(await finish(step.ticket, currentCode(secret, now)))).toEqual([401, "BAD_TICKET"]);
    });

    it("a code is good once: replayed in its own window, with a new ticket, it is refused", async () => {
      const { secret } = await enrolled("carol");
      const code = currentCode(secret, now);
      expect((await finish(await ticketOf("carol"), code)).status).toBe(200);
      expect(codeOf(await finish(await ticketOf("carol"), code))).toEqual([401, "BAD_CODE"]);
      // An older step, still inside the tolerance, is refused too once a newer one was used.
      const older = currentCode(secret, now - 30_000);
      expect(codeOf(await finish(await ticketOf("carol"), older))).toEqual([401, "BAD_CODE"]);
      nextStep();
      expect((await finish(await ticketOf("carol"), currentCode(secret, now))).status).toBe(200);
    });

    it("a code of one step late still works; two steps late does not", async () => {
      const { secret } = await enrolled("dave");
      nextStep(); // the step before now is not the one the set-up used
      const ticket = await ticketOf("dave");
      const stale = currentCode(secret, now - 60_000);
      expect(codeOf(await finish(ticket, stale))).toEqual([401, "BAD_CODE"]);
      expect((await finish(ticket, currentCode(secret, now - 30_000))).status).toBe(200);
    });

    it("each recovery code works once, in any case and with or without its dash", async () => {
      const { token, recoveryCodes } = await enrolled("erin");
      const [first = "", second = ""] = recoveryCodes;
      expect((await finish(await ticketOf("erin"), first)).status).toBe(200);
      expect(codeOf(await finish(await ticketOf("erin"), first))).toEqual([401, "BAD_CODE"]);
      expect((await finish(await ticketOf("erin"), second.toUpperCase().replace("-", ""))).status).toBe(200);
      expect(body(await http(server.url, "GET", "/api/me/two-factor", { token }))).toMatchObject({ recoveryCodesLeft: 8 });
    });

    it("a ticket lasts five minutes", async () => {
      const { secret } = await enrolled("frank");
      const ticket = await ticketOf("frank");
      now += 5 * 60_000;
      expect(codeOf(await finish(ticket, currentCode(secret, now)))).toEqual([401, "BAD_TICKET"]);
    });

    it("wrong codes are limited like passwords: the 11th try in 15 minutes is refused, the right code too, until the window passes", async () => {
      const { secret } = await enrolled("grace");
      const ticket = await ticketOf("grace");
      for (let i = 0; i < 10; i++) expect(codeOf(await finish(ticket, String(100_000 + i)))).toEqual([401, "BAD_CODE"]);
      const locked = await finish(ticket, currentCode(secret, now));
      expect(codeOf(locked)).toEqual([429, "RATE_LIMITED"]);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
      now += 15 * 60_000;
      expect((await finish(await ticketOf("grace"), currentCode(secret, now))).status).toBe(200);
    });

    it("turning it off asks for a code; then the password alone logs in again", async () => {
      const { token, secret } = await enrolled("heidi");
      expect(codeOf(await http(server.url, "POST", "/api/me/two-factor/disable", { token, body: { code: "123456" } }))).toEqual([401, "BAD_CODE"]);
      const off = await http(server.url, "POST", "/api/me/two-factor/disable", { token, body: { code: currentCode(secret, now) } });
      expect(off.body).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
      expect(body(await login("heidi")).token).toEqual(expect.any(String));
    });

    it("with REQUIRE_TWO_FACTOR_FOR_STAFF an admin without it sets it up while logging in, and cannot turn it off", async () => {
      await register("ivan");
      const id = (await server.natter.domain.store.userByKey("ivan"))?.id ?? 0;
      await setRole(server.natter.domain, id, "admin");
      const step = body(await login("ivan")).secondFactor as { ticket: string; enroll: boolean };
      expect(step.enroll).toBe(true);
      // Before setting up, no code can finish it.
      expect(codeOf(await finish(step.ticket, "123456"))).toEqual([400, "BAD_REQUEST"]);
      const setup = body(await http(server.url, "POST", "/api/auth/login/enroll", { body: { ticket: step.ticket } }));
      const finished = await finish(step.ticket, currentCode(setup.secret as string, now));
      expect(finished.status).toBe(200);
      expect(body(finished).recoveryCodes).toHaveLength(10);
      const token = body(finished).token as string;
      expect(body(await http(server.url, "GET", "/api/me/two-factor", { token }))).toEqual({ enabled: true, recoveryCodesLeft: 10, required: true });
      nextStep();
      const off = await http(server.url, "POST", "/api/me/two-factor/disable", { token, body: { code: currentCode(setup.secret as string, now) } });
      expect(codeOf(off)).toEqual([403, "FORBIDDEN"]);
      // A member is not asked.
      expect(body(await login("alice")).secondFactor).toBeDefined();
      await register("judy");
      expect(body(await login("judy")).token).toEqual(expect.any(String));
    });

    it("the SDK's login takes the code as a third argument, and without one says a second factor is required", async () => {
      const { secret } = await enrolled("kate");
      const sdk = new NatterClient({ url: server.url });
      const refused = await sdk.login("kate", password).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SecondFactorRequired);
      expect((refused as SecondFactorRequired).step.enroll).toBe(false);
      expect(await sdk.login("kate", password, currentCode(secret, now))).toMatchObject({ username: "kate" });
      expect(await sdk.me()).toMatchObject({ username: "kate" });
    });

    it("a made-up ticket is refused like an expired one", async () => {
      expect(codeOf(await finish("x".repeat(43), "123456"))).toEqual([401, "BAD_TICKET"]);
      expect(codeOf(await http(server.url, "POST", "/api/auth/login/enroll", { body: { ticket: "x".repeat(43) } }))).toEqual([401, "BAD_TICKET"]);
    });
  });
});
