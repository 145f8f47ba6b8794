import type { DataExport, SecondFactorStep, SessionInfo, SignInMethods, TotpSetup, TwoFactorStatus, User } from "@natter/protocol";
import { Emitter } from "./emitter.js";
import { SecondFactorRequired } from "./errors.js";
import type { NatterClientEvents } from "./options.js";
import type { RestApi } from "./restApi.js";

/** The account's own REST calls: signing up and in, two-factor, sessions, password, and the account's data. */
export class AccountCalls extends Emitter<NatterClientEvents> {
  constructor(protected readonly api: RestApi) {
    super();
  }

  get user(): User | null {
    return this.api.user;
  }

  get token(): string | null {
    return this.api.token;
  }

  /** Creates an account and logs in; `invite` is an invite's code, needed while registration is by invite. */
  register(username: string, password: string, invite?: string): Promise<User> {
    return this.api.register(username, password, invite);
  }

  /** Turns this guest into a member with a password; the name, rooms and history stay. */
  upgrade(password: string): Promise<User> {
    return this.api.upgrade(password);
  }

  /** Creates the server's first admin with the token of the setup link the server logs when it has none. */
  setup(token: string, username: string, password: string): Promise<User> {
    return this.api.setup(token, username, password);
  }

  /**
   * Logs in. An account with two-factor authentication needs `code` (from its app, or a recovery code);
   * without one this rejects with SecondFactorRequired, whose step `finishLogin` completes.
   */
  async login(username: string, password: string, code?: string): Promise<User> {
    const answer = await this.api.startLogin(username, password);
    if ("user" in answer) return answer.user;
    if (code === undefined || answer.secondFactor.enroll) throw new SecondFactorRequired(answer.secondFactor);
    return (await this.api.finishLogin(answer.secondFactor.ticket, code)).user;
  }

  /** The password's step alone: a session, or the ticket of the second step. */
  startLogin(username: string, password: string): Promise<{ user: User } | { secondFactor: SecondFactorStep }> {
    return this.api.startLogin(username, password);
  }

  /** The second step: a code from the app or a recovery code; `recoveryCodes` when this log-in also set 2FA up. */
  finishLogin(ticket: string, code: string): Promise<{ user: User; recoveryCodes?: string[] }> {
    return this.api.finishLogin(ticket, code);
  }

  /** For an account the server requires to use 2FA: its new secret, confirmed by finishLogin with a first code. */
  enrollAtLogin(ticket: string): Promise<TotpSetup> {
    return this.api.enrollAtLogin(ticket);
  }

  /** Mails a one-time reset link if the address is a verified one; the answer says nothing either way. */
  forgotPassword(email: string, language?: "en" | "zh-CN"): Promise<void> {
    return this.api.forgotPassword(email, language);
  }

  /** Sets a new password with a one-time link's token (mailed, or an admin's); every session of the account ends. Log in afterwards. */
  resetPassword(token: string, password: string): Promise<void> {
    return this.api.resetPassword(token, password);
  }

  twoFactor(): Promise<TwoFactorStatus> {
    return this.api.twoFactor();
  }

  /** A new secret (QR code and key), shown this once; 2FA is on after confirmTwoFactor. */
  startTwoFactor(): Promise<TotpSetup> {
    return this.api.startTwoFactor();
  }

  /** Turns 2FA on with a first code; answers the ten recovery codes, shown once. */
  confirmTwoFactor(code: string): Promise<string[]> {
    return this.api.confirmTwoFactor(code);
  }

  disableTwoFactor(code: string): Promise<TwoFactorStatus> {
    return this.api.disableTwoFactor(code);
  }

  /** The account's sessions, most recently used first. */
  sessions(): Promise<SessionInfo[]> {
    return this.api.sessions();
  }

  /** Ends a session; its sockets close at once, on every node. */
  endSession(id: string): Promise<void> {
    return this.api.endSession(id);
  }

  /** Ends every session but this one; answers how many ended. */
  endOtherSessions(): Promise<number> {
    return this.api.endOtherSessions();
  }

  /** Joins with just a name, as the original chat did (when the server allows guests). */
  guest(username: string): Promise<User> {
    return this.api.guest(username);
  }

  /** Which ways in this server offers: password, guests, registration (open, by invite, closed), single sign-on (and its name). No log-in needed. */
  signInMethods(): Promise<SignInMethods> {
    return this.api.signInMethods();
  }

  /** Where a browser goes to sign in with the server's OpenID provider; it comes back to the app logged in. */
  ssoStartUrl(): string {
    return this.api.ssoStartUrl();
  }

  /** Who the token or cookie belongs to, or null when not logged in. */
  me(): Promise<User | null> {
    return this.api.me();
  }

  /** Ends every session of the account (closing its other tabs and devices) and continues with a new one. */
  changePassword(currentPassword: string, newPassword: string): Promise<User> {
    return this.api.changePassword(currentPassword, newPassword);
  }

  // ---- your own archive, your account ----

  /** "Download my data": the archive is made in the background; `data_export_ready` says when (or use `dataExport`). */
  requestDataExport(): Promise<DataExport> {
    return this.api.requestDataExport();
  }

  dataExport(id: string): Promise<DataExport> {
    return this.api.dataExport(id);
  }

  /** The ready archive's zip; refused (NOT_READY) while it is being prepared, NOT_FOUND once it expired. */
  downloadDataExport(id: string): Promise<Blob> {
    return this.api.downloadDataExport(id);
  }

  /** Deletes your account for good, confirmed with your password; every session, this one included, ends. */
  deleteAccount(password: string): Promise<void> {
    return this.api.deleteAccount(password);
  }
}
