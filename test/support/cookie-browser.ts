/**
 * A browser's cookie handling, enough for sign-in flows over plain fetch: cookies kept per host and sent back,
 * redirects followed one at a time so each hop's cookies are kept (and the test can stop at any hop).
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** The cookies this browser holds for a URL's host, as a Cookie header. */
  cookieHeader(url: string): string {
    return [...(this.jar.get(new URL(url).host) ?? new Map<string, string>()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One cookie's value for a host, if held. */
  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  /** One request (no redirect followed); keeps the cookies it sets. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = this.cookieHeader(url);
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) } });
    const host = new URL(url).host;
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const cookies = this.jar.get(host) ?? new Map<string, string>();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
      this.jar.set(host, cookies);
    }
    return response;
  }

  /** Follows redirects from `url` until a response that is not one, or until `stopAt` matches the next URL. */
  async follow(url: string, stopAt?: (next: string) => boolean): Promise<{ url: string; response: Response; hops: string[] }> {
    const hops: string[] = [];
    let current = url;
    for (let i = 0; i < 20; i += 1) {
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response, hops };
      const next = new URL(location, current).href;
      hops.push(next);
      if (stopAt?.(next)) return { url: next, response, hops };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
