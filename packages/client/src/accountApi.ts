import {
  routes,
  type AuthResponse,
  type DataExport,
  type LogoutResponse,
  type SecondFactorStep,
  type SessionInfo,
  type SignInMethods,
  type TotpSetup,
  type TwoFactorStatus,
  type User,
} from "@natter/protocol";
import { NatterError } from "./errors.js";
import { call, fetchBytes, type HttpOptions } from "./http.js";

/** The account's own routes, and the session they log in to: signing up and in, two-factor, sessions, its data. */
export class AccountApi {
  protected readonly http: HttpOptions;
  user: User | null = null;
  token: string | null;

  constructor(url: string, token: string | null, fetcher: typeof fetch | undefined) {
    this.token = token;
    this.http = { baseUrl: url.replace(/\/$/, ""), fetch: fetcher ?? globalThis.fetch.bind(globalThis), token: () => this.token };
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async register(username: string, password: string, invite?: string): Promise<User> {
    return this.adopt(await call(this.http, routes.register, { body: { username, password, ...(invite ? { invite } : {}) } }));
  }

  /** A guest becomes a member with this password, keeping their name and history. */
  async upgrade(password: string): Promise<User> {
    return this.adopt(await call(this.http, routes.upgradeGuest, { body: { password } }));
  }

  /** Creates the server's first admin with the one-time token of the link the server logs on a start with no admin. */
  async setup(token: string, username: string, password: string): Promise<User> {
    return this.adopt(await call(this.http, routes.setup, { body: { token, username, password } }));
  }

  /** The password's step: a session, or the ticket of the second step (two-factor authentication). */
  async startLogin(username: string, password: string): Promise<{ user: User } | { secondFactor: SecondFactorStep }> {
    const answer = await call(this.http, routes.login, { body: { username, password } });
    return "token" in answer ? { user: this.adopt(answer) } : answer;
  }

  // ---- issue 17: the second step, two-factor settings, password reset, sessions ----

  async finishLogin(ticket: string, code: string): Promise<{ user: User; recoveryCodes?: string[] }> {
    const answer = await call(this.http, routes.loginCode, { body: { ticket, code } });
    return { user: this.adopt(answer), ...(answer.recoveryCodes ? { recoveryCodes: answer.recoveryCodes } : {}) };
  }

  enrollAtLogin(ticket: string): Promise<TotpSetup> {
    return call(this.http, routes.loginEnroll, { body: { ticket } });
  }

  async forgotPassword(email: string, language?: "en" | "zh-CN"): Promise<void> {
    await call(this.http, routes.forgotPassword, { body: { email, ...(language ? { language } : {}) } });
  }

  async resetPassword(token: string, password: string): Promise<void> {
    await call(this.http, routes.resetPassword, { body: { token, password } });
  }

  twoFactor(): Promise<TwoFactorStatus> {
    return call(this.http, routes.twoFactor);
  }

  startTwoFactor(): Promise<TotpSetup> {
    return call(this.http, routes.startTwoFactor);
  }

  async confirmTwoFactor(code: string): Promise<string[]> {
    return (await call(this.http, routes.confirmTwoFactor, { body: { code } })).recoveryCodes;
  }

  disableTwoFactor(code: string): Promise<TwoFactorStatus> {
    return call(this.http, routes.disableTwoFactor, { body: { code } });
  }

  async sessions(): Promise<SessionInfo[]> {
    return (await call(this.http, routes.sessions)).sessions;
  }

  async endSession(id: string): Promise<void> {
    await call(this.http, routes.endSession, { params: { id } });
  }

  async endOtherSessions(): Promise<number> {
    return (await call(this.http, routes.endOtherSessions)).ended;
  }

  async guest(username: string): Promise<User> {
    return this.adopt(await call(this.http, routes.guest, { body: { username } }));
  }

  async me(): Promise<User | null> {
    try {
      const { user } = await call(this.http, routes.me);
      this.user = user;
      return user;
    } catch (error) {
      if (error instanceof NatterError && error.code === "UNAUTHORIZED") return null;
      throw error;
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<User> {
    return this.adopt(await call(this.http, routes.changePassword, { body: { currentPassword, newPassword } }));
  }

  logout(): Promise<LogoutResponse> {
    return call(this.http, routes.logout);
  }

  signInMethods(): Promise<SignInMethods> {
    return call(this.http, routes.signInMethods);
  }

  /** The address a browser opens to sign in through the OpenID provider (not fetched: it is a redirect). */
  ssoStartUrl(): string {
    return `${this.http.baseUrl}${routes.ssoStart.path}`;
  }

  forgetSession(): void {
    this.user = null;
    this.token = null;
  }

  async requestDataExport(): Promise<DataExport> {
    return (await call(this.http, routes.requestDataExport)).export;
  }

  async dataExport(id: string): Promise<DataExport> {
    return (await call(this.http, routes.dataExport, { params: { id } })).export;
  }

  downloadDataExport(id: string): Promise<Blob> {
    return fetchBytes(this.http, routes.downloadDataExport, { params: { id } });
  }

  async deleteAccount(password: string): Promise<void> {
    await call(this.http, routes.deleteAccount, { body: { password } });
    this.user = null;
    this.token = null;
  }

  protected adopt(response: AuthResponse): User {
    this.user = response.user;
    this.token = response.token;
    return response.user;
  }
}
