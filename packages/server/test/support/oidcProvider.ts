import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/** A person at the provider: the claims it vouches for. */
export interface ProviderAccount {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  groups?: string[];
}

export const CLIENT_ID = "natter";
export const CLIENT_SECRET = "a-client-secret-only-the-test-knows";

/**
 * A real OpenID provider (oidc-provider) on a loopback port. Its log-in page is the test's: whoever
 * `signInAs` named is logged in at once (consent is implied for Natter, a first-party client), so a browser or a
 * program goes through the real authorization, token, UserInfo and end-session endpoints without typing.
 * The provider starts before Natter (whose URL it must know) and answers 503 until `trust(natterUrl)`.
 */
export class TestProvider {
  private provider: Provider | undefined;
  private nextAccount: string | undefined;
  private readonly accounts = new Map<string, ProviderAccount>();
  private tampering: Record<string, string> | undefined;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestProvider> {
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
    const server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const test = new TestProvider(server, `http://127.0.0.1:${port}`);
    handle = (req, res) => void test.handle(req, res);
    return test;
  }

  /** Natter's address: its callback and the page after logout are registered for the client. */
  trust(natterUrl: string): void {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${natterUrl}/api/auth/sso/callback`],
          post_logout_redirect_uris: [`${natterUrl}/`],
          token_endpoint_auth_method: "client_secret_post",
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["preferred_username", "name"], groups: ["groups"] },
      scopes: ["openid", "email", "profile", "groups"],
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      cookies: { keys: ["test-cookie-key"] },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const account = this.accounts.get(sub);
        return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined;
      },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        const clientId = ctx.oidc.client?.clientId;
        if (!accountId || !clientId) return undefined;
        const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope("openid email profile groups");
        await grant.save();
        return grant;
      },
      renderError: (ctx, out) => {
        ctx.type = "text/plain";
        ctx.body = `provider error: ${JSON.stringify(out)}`;
      },
    });
  }

  /** Adds (or replaces) an account at the provider. */
  account(account: ProviderAccount): void {
    this.accounts.set(account.sub, account);
  }

  /** Who the next visit to the provider's log-in page is. */
  signInAs(sub: string): void {
    if (!this.accounts.has(sub)) throw new Error(`no account ${sub} at the test provider`);
    this.nextAccount = sub;
  }

  /**
   * Changes the next authorization request's parameters as they arrive (an attacker in the middle, or a browser
   * led by one): a changed `state` comes back in the redirect, a changed `nonce` inside the ID token.
   */
  tamperNext(parameters: Record<string, string>): void {
    this.tampering = parameters;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) return void res.writeHead(503).end();
    try {
      if (req.url?.startsWith("/interaction/")) {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== "login" || !this.nextAccount) throw new Error(`unexpected prompt ${details.prompt.name}`);
        return await provider.interactionFinished(req, res, { login: { accountId: this.nextAccount } }, { mergeWithLastSubmission: false });
      }
      if (this.tampering && req.url?.startsWith("/auth?")) {
        const url = new URL(req.url, this.issuer);
        for (const [name, value] of Object.entries(this.tampering)) url.searchParams.set(name, value);
        req.url = `${url.pathname}${url.search}`;
        this.tampering = undefined;
      }
      provider.callback()(req, res);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  }
}

/** The provider's "sign out?" page, without the default's web font (no network in tests). */
async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body>
    <h1>Sign out of the test provider?</h1>${form}
    <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
}
