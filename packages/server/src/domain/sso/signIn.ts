import { routes } from "@natter/protocol";
import { logout, openSession, type Session } from "../accounts.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { hashToken, newSessionToken } from "../tokens.js";
import { ProviderAnswerRefused, type SingleSignOn } from "./provider.js";
import { ssoAccount } from "./ssoAccounts.js";

/** Time to sign in at the provider; past it the callback is refused and the user starts again. */
export const SSO_SIGN_IN_TTL_MS = 10 * 60_000;

/**
 * Starts a sign-in. State, nonce and PKCE verifier stay in the database under the hash of a new random
 * `binding`, which only this browser gets (an HttpOnly cookie): a callback is accepted only from the browser that
 * started it, only once, and on any node.
 */
export async function beginSsoSignIn(domain: Domain, address: string): Promise<{ binding: string; url: string }> {
  const sso = enabled(domain);
  await spendSignIn(domain, address);
  const pending = await reach(() => sso.provider.begin(callbackUrl(domain)));
  const binding = newSessionToken();
  const now = domain.now();
  await domain.store.createOidcLogin(
    { binding_hash: hashToken(binding), state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier, expires_at: now + SSO_SIGN_IN_TTL_MS },
    now,
  );
  return { binding, url: pending.url };
}

/** Finishes a sign-in from the provider's redirect (its query string, as received): a session for the account. */
export async function finishSsoSignIn(domain: Domain, binding: string | undefined, query: string, address: string): Promise<Session> {
  const sso = enabled(domain);
  await spendSignIn(domain, address);
  const login = binding ? await domain.store.takeOidcLogin(hashToken(binding)) : undefined;
  if (!login || login.expires_at <= domain.now())
    throw new Refusal("SSO_REFUSED", "This sign-in was not started in this browser, was already used or took too long; start again");
  const url = new URL(`${callbackUrl(domain)}?${query}`);
  const identity = await reach(() => sso.provider.finish(url, { state: login.state, nonce: login.nonce, codeVerifier: login.code_verifier }));
  const session = await openSession(domain, await ssoAccount(domain, sso, identity, address));
  await domain.store.saveOidcSession(hashToken(session.token), identity.idToken);
  return session;
}

/**
 * Ends the session; when it came from the provider and the provider offers RP-initiated logout, where to send the
 * browser to end the provider's session too. A provider that cannot be reached does not keep anyone logged in.
 */
export async function ssoLogout(domain: Domain, token: string): Promise<string | undefined> {
  const idToken = domain.sso ? await domain.store.oidcSessionIdToken(hashToken(token)) : undefined;
  await logout(domain, token);
  if (!domain.sso || !idToken) return undefined;
  return domain.sso.provider.endSessionUrl(idToken, `${domain.publicUrl()}/`).catch(() => undefined);
}

function enabled(domain: Domain): SingleSignOn {
  if (!domain.sso) throw new Refusal("SSO_DISABLED", "Single sign-on is not set up on this server");
  return domain.sso;
}

/** Both legs count: each costs a request to the provider, and failures should not be free to repeat. */
function spendSignIn(domain: Domain, address: string): Promise<void> {
  return spend(domain.limits, "ssoSignIns", address);
}

/** The redirect URI registered at the provider: PUBLIC_URL's, so it is the same behind a proxy and on every node. */
export function callbackUrl(domain: Pick<Domain, "publicUrl">): string {
  return `${domain.publicUrl()}${routes.ssoCallback.path}`;
}

async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderAnswerRefused) throw new Refusal("SSO_REFUSED", `The sign-in was refused: ${error.message}`);
    if (error instanceof Refusal) throw error;
    throw new Refusal("UNAVAILABLE", "The sign-in provider cannot be reached; try again shortly");
  }
}
