import { Refusal } from "./errors.js";
import { TokenBuckets, WindowCounter, type ActionLimiter, type FailureCounter } from "./rateLimit.js";

/** A token bucket's shape: so many actions per second, after a burst of so many. */
export interface Budget {
  perSecond: number;
  burst: number;
}

/**
 * What each user may do per second besides sending. Every action that writes or reaches other people has a
 * budget, so one account cannot flood a room through edits, reactions or typing instead of messages.
 */
export const ACTION_BUDGETS = {
  edits: { perSecond: 2, burst: 10 },
  reactions: { perSecond: 5, burst: 20 },
  typing: { perSecond: 2, burst: 5 },
  roomChanges: { perSecond: 1, burst: 10 },
  readMarks: { perSecond: 5, burst: 20 },
  uploads: { perSecond: 2, burst: 20 },
  profile: { perSecond: 1, burst: 5 },
  availability: { perSecond: 1, burst: 10 },
  /** A tab says idle or back at most every few minutes; a burst covers many tabs opening together. */
  activity: { perSecond: 1, burst: 20 },
  /** Push subscriptions and keywords. */
  notificationSettings: { perSecond: 1, burst: 10 },
  /** Each mails a stranger's address, if the user typed one: three, then one per ten minutes. */
  verificationEmails: { perSecond: 1 / 600, burst: 3 },
  /** Per incoming webhook (keyed by its id): Slack's one a second, after a burst an alert storm may need. */
  hookPosts: { perSecond: 1, burst: 30 },
  /** Making and changing hooks, tokens, bots and commands. */
  integrations: { perSecond: 1, burst: 10 },
  /** Slash commands run, each of which may call out to a command's URL. */
  commands: { perSecond: 1, burst: 10 },
  /** The console's reads and every admin or moderator action. */
  admin: { perSecond: 5, burst: 50 },
  /** Reports of messages: ten, then one a minute, so nobody buries the moderators. */
  reports: { perSecond: 1 / 60, burst: 10 },
  /** Single sign-on's two legs, per client address (no user yet): each reaches the provider. */
  ssoSignIns: { perSecond: 1 / 6, burst: 20 },
  /** Setting 2FA up or off and ending sessions (issue 17). */
  accountSecurity: { perSecond: 1, burst: 10 },
  /** "Forgot password", keyed by address ("ip:…") and by the email asked for ("to:…"): ten, then one a minute. */
  passwordResets: { perSecond: 1 / 60, burst: 10 },
  /** An admin's Slack imports: starting one, and polling its progress about once a second. */
  imports: { perSecond: 2, burst: 20 },
  /** "Download my data" and "delete my account": three, then one an hour (each reads all one's data). */
  ownData: { perSecond: 1 / 3600, burst: 3 },
  /** The people directory and picker search as one types; a long history looks its authors up 100 at a time. */
  people: { perSecond: 5, burst: 30 },
  /** Pinning, unpinning, saving and unsaving messages (issue 19). */
  pins: { perSecond: 2, burst: 30 },
} as const satisfies Record<string, Budget>;

export type Action = keyof typeof ACTION_BUDGETS | "sends";

/** How many failed log-ins (per account, per address) within the window lock further tries out. */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 } as const;

export interface LimitSettings {
  /** Sends per user per second; 0 lifts every per-user budget (load tests, benchmarks). */
  messagesPerSecond: number;
  /** New accounts and guests per address per minute; 0 lifts the sign-up limits. */
  signupRate: number;
}

export interface Limits {
  failedLoginsByAccount: FailureCounter;
  failedLoginsByAddress: FailureCounter;
  /** Wrong second-factor codes per account (by id), with the log-in limits; the address counts them with passwords. */
  failedCodesByAccount: FailureCounter;
  /** Per user, keyed by user id. */
  actions: Record<Action, ActionLimiter>;
  /** Per client address, and one key for everyone: a burst from many addresses is slowed too. */
  signupsByAddress: ActionLimiter;
  signups: ActionLimiter;
}

/** Every budget, derived from the settings in one place so the local and the Redis limits agree. */
export function budgets(settings: LimitSettings): { actions: Record<Action, Budget>; signupsByAddress: Budget; signups: Budget } {
  const lifted = settings.messagesPerSecond <= 0;
  const sends = { perSecond: settings.messagesPerSecond, burst: Math.max(10, settings.messagesPerSecond * 2) };
  const perMinute = settings.signupRate;
  return {
    // Reset mails reach strangers' inboxes: no load test needs them unlimited, so MESSAGE_RATE=0 keeps their budget.
    actions: perAction((action) => (action === "sends" ? sends : lifted && action !== "passwordResets" ? { perSecond: 0, burst: 0 } : ACTION_BUDGETS[action])),
    signupsByAddress: { perSecond: perMinute / 60, burst: perMinute },
    signups: { perSecond: (perMinute * SIGNUP_CROWD) / 60, burst: perMinute * SIGNUP_CROWD },
  };
}

/** The server-wide sign-up budget is this many addresses' worth: a crowd may arrive, a botnet is slowed. */
export const SIGNUP_CROWD = 30;

/** The limits of one node, in its memory. */
export function localLimits(settings: LimitSettings, now: () => number = Date.now): Limits {
  const all = budgets(settings);
  const buckets = (budget: Budget) => new TokenBuckets(budget.perSecond, budget.burst, now);
  return {
    failedLoginsByAccount: new WindowCounter(LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs, now),
    failedLoginsByAddress: new WindowCounter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs, now),
    failedCodesByAccount: new WindowCounter(LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs, now),
    actions: perAction((action) => buckets(all.actions[action])),
    signupsByAddress: buckets(all.signupsByAddress),
    signups: buckets(all.signups),
  };
}

/** One of something for every action. */
export function perAction<T>(make: (action: Action) => T): Record<Action, T> {
  return {
    sends: make("sends"),
    edits: make("edits"),
    reactions: make("reactions"),
    typing: make("typing"),
    roomChanges: make("roomChanges"),
    readMarks: make("readMarks"),
    uploads: make("uploads"),
    profile: make("profile"),
    availability: make("availability"),
    activity: make("activity"),
    notificationSettings: make("notificationSettings"),
    verificationEmails: make("verificationEmails"),
    hookPosts: make("hookPosts"),
    integrations: make("integrations"),
    commands: make("commands"),
    admin: make("admin"),
    reports: make("reports"),
    ssoSignIns: make("ssoSignIns"),
    accountSecurity: make("accountSecurity"),
    passwordResets: make("passwordResets"),
    imports: make("imports"),
    ownData: make("ownData"),
    people: make("people"),
    pins: make("pins"),
  };
}

/** Spends one of the user's `action` budget (a client address's, for actions before log-in), or refuses with RATE_LIMITED and when to try again. */
export async function spend(limits: Limits, action: Action, who: number | string): Promise<void> {
  const waitMs = await limits.actions[action].take(String(who));
  if (waitMs > 0) throw tooFast(TOO_FAST[action], waitMs);
}

/** A new account or guest from this address: refused past the address's budget, or everyone's. */
export async function admitSignup(limits: Limits, address: string): Promise<void> {
  const byAddress = await limits.signupsByAddress.take(address);
  const waitMs = byAddress > 0 ? byAddress : await limits.signups.take(EVERYONE);
  if (waitMs > 0) throw tooFast("Too many new accounts from here; try again shortly", waitMs);
}

export function tooFast(message: string, retryAfterMs: number): Refusal {
  return new Refusal("RATE_LIMITED", message, { retryAfterMs: Math.ceil(retryAfterMs) });
}

const EVERYONE = "*";

const TOO_FAST: Record<Action, string> = {
  sends: "You are sending too fast; slow down",
  edits: "You are editing too fast; slow down",
  reactions: "You are reacting too fast; slow down",
  typing: "Too many typing notices; slow down",
  roomChanges: "You are changing rooms too fast; slow down",
  readMarks: "Too many read marks; slow down",
  uploads: "You are uploading too fast; slow down",
  profile: "You are changing your profile too fast; slow down",
  availability: "You are changing your status too fast; slow down",
  activity: "Too many activity notices; slow down",
  notificationSettings: "You are changing notification settings too fast; slow down",
  verificationEmails: "Too many confirmation emails; try again later",
  hookPosts: "This webhook is posting too fast; slow down",
  integrations: "You are changing integrations too fast; slow down",
  commands: "You are running commands too fast; slow down",
  admin: "Too many admin actions; slow down",
  reports: "You are reporting too fast; try again later",
  ssoSignIns: "Too many single sign-on attempts from here; try again shortly",
  accountSecurity: "Too many security changes; slow down",
  passwordResets: "Too many password reset requests; try again later",
  imports: "Too many import requests; slow down",
  ownData: "You asked for your data or your account's deletion too often; try again in an hour",
  people: "You are searching for people too fast; slow down",
  pins: "You are pinning or saving too fast; slow down",
};
