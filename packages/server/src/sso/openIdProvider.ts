import * as oidc from "openid-client";
import type { Logger } from "pino";
import { ProviderAnswerRefused, type IdentityProvider, type PendingSignIn, type VerifiedIdentity } from "../domain/sso/provider.js";
import { guardedFetch } from "./guardedFetch.js";

export interface OpenIdSettings {
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret?: string | undefined;
  oidcName: string;
  oidcScopes: string;
  oidcAllowPrivate: boolean;
}

/** Seconds a request to the provider may take. */
const TIMEOUT_S = 10;

/**
 * The OpenID provider through openid-client (v6). Discovery is lazy and retried: a provider that is down when
 * Natter starts costs the sign-ins tried while it is down (UNAVAILABLE), not the start.
 */
export class OpenIdProvider implements IdentityProvider {
  readonly name: string;
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly scope: string;

  constructor(
    private readonly settings: OpenIdSettings,
    private readonly logger: Logger,
  ) {
    this.name = settings.oidcName;
    const scopes = settings.oidcScopes.split(/\s+/).filter(Boolean);
    this.scope = (scopes.includes("openid") ? scopes : ["openid", ...scopes]).join(" ");
  }

  /** Discovers now, in the background, so the first sign-in need not wait; a failure is retried at the next use. */
  warmUp(): void {
    this.discovered().catch(() => undefined);
  }

  async begin(redirectUri: string): Promise<PendingSignIn> {
    const config = await this.discovered();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const parameters = {
      redirect_uri: redirectUri,
      scope: this.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    };
    return { url: oidc.buildAuthorizationUrl(config, parameters).href, state, nonce, codeVerifier };
  }

  async finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedIdentity> {
    const config = await this.discovered();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new ProviderAnswerRefused("the provider sent no ID token");
      // Providers put profile claims (email, groups) in the ID token or only at UserInfo: both are read.
      const userInfo = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      return { issuer: idClaims.iss, subject: idClaims.sub, claims: { ...userInfo, ...idClaims }, idToken: tokens.id_token };
    } catch (error) {
      throw refusedOrUnreachable(error);
    }
  }

  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | undefined> {
    const config = await this.discovered();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  }

  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      this.logger.warn({ err: error, issuer: this.settings.oidcIssuer }, "could not reach the OpenID provider; retrying at the next sign-in");
      throw error;
    });
    return this.configuration;
  }

  private discover(): Promise<oidc.Configuration> {
    const { oidcIssuer, oidcClientId, oidcClientSecret, oidcAllowPrivate } = this.settings;
    // Plain http only where private addresses are allowed: an on-premises provider, or a test's.
    const execute = oidcAllowPrivate && new URL(oidcIssuer).protocol === "http:" ? [oidc.allowInsecureRequests] : [];
    const options = { [oidc.customFetch]: guardedFetch(oidcAllowPrivate), execute, timeout: TIMEOUT_S };
    return oidcClientSecret
      ? oidc.discovery(new URL(oidcIssuer), oidcClientId, oidcClientSecret, undefined, options)
      : oidc.discovery(new URL(oidcIssuer), oidcClientId, undefined, oidc.None(), options);
  }
}

/** The provider's answer failed a check, or the provider itself refused: the user's to retry. Anything else: unreachable. */
function refusedOrUnreachable(error: unknown): Error {
  if (error instanceof ProviderAnswerRefused) return error;
  if (error instanceof oidc.AuthorizationResponseError) return new ProviderAnswerRefused(`the provider answered ${error.error}`);
  if (error instanceof oidc.ResponseBodyError) return new ProviderAnswerRefused(`the provider answered ${error.error}`);
  if (error instanceof oidc.ClientError) return new ProviderAnswerRefused(error.message);
  return error instanceof Error ? error : new Error(String(error));
}
