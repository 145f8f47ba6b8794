/** What single sign-on needs of an OpenID provider; sso/openIdProvider.ts is the one over openid-client. */
export interface IdentityProvider {
  /** The name on the button: "Sign in with …". */
  readonly name: string;
  /**
   * A new sign-in: the provider's authorization URL (code flow, PKCE S256, state, nonce) and the one-time values
   * the callback must present again.
   */
  begin(redirectUri: string): Promise<PendingSignIn>;
  /**
   * Checks the provider's answer and redeems its code: state, issuer, the code exchanged with the PKCE verifier,
   * the ID token's signature, issuer, audience, expiry and nonce. Throws a ProviderAnswerRefused when the answer
   * is refused and any other error when the provider cannot be reached.
   */
  finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedIdentity>;
  /** Where to end the provider's session too (RP-initiated logout), when it offers that. */
  endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | undefined>;
}

export interface PendingSignIn {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  /** The ID token's `iss` and `sub`: together they name the account at the provider, for good. */
  issuer: string;
  subject: string;
  /** The ID token's claims over the UserInfo endpoint's. */
  claims: Readonly<Record<string, unknown>>;
  /** The raw ID token: the hint for RP-initiated logout. */
  idToken: string;
}

/** The provider's answer failed a check (or was an error): the user sees why and may start again. */
export class ProviderAnswerRefused extends Error {}

/** The settings single sign-on runs by, with the provider itself. */
export interface SingleSignOn {
  provider: IdentityProvider;
  /** OIDC_ONLY: passwords, registration, guests and the setup link are refused. */
  only: boolean;
  usernameClaim: string;
  /** Unset: roles are Natter's own. Set: every sign-in sets the role from this claim. */
  rolesClaim: string | undefined;
  adminValues: readonly string[];
  moderatorValues: readonly string[];
}
