import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework puts in tokens it sends to bots (the SDK's default for the public cloud). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** Claims of a token, and how it is signed: a forger signs with a key of their own under the real key's id. */
export interface TokenOptions {
  claims: Record<string, unknown>;
  signWith?: KeyObject;
  kid?: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * A local stand-in for the Bot Framework's token issuer: it publishes an OpenID configuration and a key set
 * (as login.botframework.com does) and signs tokens with the published key, so tests can send the bot requests
 * carrying genuine tokens, forged ones and expired ones, without the network.
 */
export class FakeBotFrameworkIssuer {
  readonly kid = 'test-signing-key';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;

  /** Starts serving; resolves to the OpenID metadata URL to give the bot (TEAMS_OPENID_METADATA_URL). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : req.url === '/v1/.well-known/keys'
            ? { keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', endorsements: ['msteams'] }] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The claims the Bot Framework puts in a token for `appId` about a request from `serviceUrl`, valid for an hour. */
  static claimsFor(appId: string, serviceUrl: string, now = Math.floor(Date.now() / 1000)): Record<string, unknown> {
    return { iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 };
  }

  /** An RS256 token: by default signed with the published key, as the real issuer would. */
  token({ claims, signWith = this.keys.privateKey, kid = this.kid }: TokenOptions): string {
    const signed = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), signWith).toString('base64url')}`;
  }

  /** A key of the forger's own, never published. */
  static forgersKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}
