import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { DeliveryError } from '../../workflows/notifications';

/** The Bot Connector client options the SDK accepts (fifth argument of ConfigurationBotFrameworkAuthentication). */
type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type HttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type WebResource = Parameters<HttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];
type RawHeaders = ReturnType<HeadersLike['rawHeaders']>;

/** Response headers in the shape the SDK's compatibility layer reads. */
class ResponseHeaders implements HeadersLike {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(raw: RawHeaders = {}) {
    for (const [name, value] of Object.entries(raw)) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): RawHeaders {
    return this.toJson();
  }
  headersArray() {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }
  clone(): HeadersLike {
    return new ResponseHeaders(this.toJson({ preserveCase: true }));
  }
  toJson(options: { preserveCase?: boolean } = {}): RawHeaders {
    return Object.fromEntries([...this.map.entries()].map(([key, h]) => [options.preserveCase ? h.name : key, h.value]));
  }
}

/**
 * An HTTP client for the Bot Connector that sends once and turns 429 and 5xx into a DeliveryError (with the
 * Retry-After). The SDK's own policy retries a 5xx about ten times over ~11 s inside one call and waits out
 * Retry-After in place; for notifications the outbox does the retrying, so a Teams outage never stalls a pass.
 */
export function noRetryHttpClient(timeoutMs = 10_000): HttpClient {
  return {
    async sendRequest(request: WebResource): Promise<CompatResponse> {
      const signal = AbortSignal.timeout(request.timeout > 0 ? Math.min(request.timeout, timeoutMs) : timeoutMs);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        body: typeof request.body === 'string' || request.body === undefined ? request.body : JSON.stringify(request.body),
        signal,
      });
      const bodyAsText = await response.text();
      if (response.status === 429 || response.status >= 500) {
        const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
        throw new DeliveryError(`the Bot Connector answered HTTP ${response.status}`, response.status, Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined);
      }
      return { request, status: response.status, headers: new ResponseHeaders(Object.fromEntries(response.headers.entries())), bodyAsText };
    },
  };
}
