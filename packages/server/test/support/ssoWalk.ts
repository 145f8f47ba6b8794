/**
 * A browser's part in single sign-on, as a program: it follows redirects between Natter and the provider by hand
 * and keeps each host's cookies, so a test can stop at any leg and change what a browser would send.
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  /** One GET, redirects not followed; the answer's cookies are kept. */
  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const jar = this.jar(target.host);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(target, { redirect: "manual", headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") < Date.now()));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects from `url` until `stop` says so or one answers without a Location: that answer's URL and response. */
  async follow(url: string, stop: (next: URL) => boolean = () => false): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.get(current.href);
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) return { url: current, response };
      const next = new URL(location, current);
      if (stop(next)) return { url: next, response };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar(host).get(name);
  }

  forget(host: string, name: string): void {
    this.jar(host).delete(name);
  }

  private jar(host: string): Map<string, string> {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }
}

/** Runs a sign-in up to the provider's redirect back to Natter's callback, which it returns unopened. */
export async function untilCallback(browser: CookieBrowser, natterUrl: string): Promise<URL> {
  const { url } = await browser.follow(`${natterUrl}/api/auth/sso/start`, (next) => next.pathname === "/api/auth/sso/callback");
  if (url.pathname !== "/api/auth/sso/callback") throw new Error(`the sign-in stopped at ${url.href}`);
  return url;
}

/** Opens the callback: where Natter sends the browser next (`/` or `/?sso_error=…`), and the session cookie if any. */
export async function openCallback(browser: CookieBrowser, callback: URL): Promise<{ location: string | null; session: string | undefined }> {
  const response = await browser.get(callback.href);
  return { location: response.headers.get("location"), session: browser.cookie(callback.host, "natter_session") };
}
