import type { Logger } from 'pino';
import { AppError } from '../../errors/app-error';

// openid-client is an ES module; this CommonJS build loads it with import() when the first sign-in starts, so a
// server without OIDC settings (and every in-process test) never loads it.
type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = import('openid-client', { with: { 'resolution-mode': 'import' } }).Configuration;

/** The council's OpenID Connect provider, as the settings name it. */
export interface OidcProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** `${PUBLIC_URL}/auth/callback`: registered at the provider as the redirect URI. */
  redirectUri: string;
  /** Plain-http provider on this machine (development and tests only; the settings refuse it elsewhere). */
  allowInsecure: boolean;
}

/** What a sign-in must check when the provider sends the person back: kept server-side between the two requests. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who the provider says signed in: its stable id for the person (`oid`, else `sub`) and email, if given. */
export interface SignedInClaims {
  oid: string;
  email?: string;
  name?: string;
}

/**
 * Sign-in through the council's OpenID Connect provider (authorization code flow with PKCE, state and nonce).
 * The provider's metadata is discovered on the first sign-in and kept; a provider that cannot be reached is
 * `sign_in_unavailable`, and the next sign-in tries again.
 */
export class OidcSignIn {
  private configuration: Promise<{ lib: OpenIdClient; config: Configuration }> | undefined;

  constructor(
    private readonly settings: OidcProviderSettings,
    private readonly logger: Logger,
  ) {}

  /** The provider's authorization endpoint for a new sign-in with these checks. */
  async authorizationUrl(checks: SignInChecks): Promise<URL> {
    const { lib, config } = await this.discovered();
    return lib.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code the provider sent back for the ID token's claims, checking state, nonce and PKCE. */
  async complete(callbackUrl: URL, checks: SignInChecks): Promise<SignedInClaims> {
    const { lib, config } = await this.discovered();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await lib.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true });
      claims = tokens.claims() as Record<string, unknown> | undefined;
    } catch (error) {
      this.logger.warn({ code: (error as { code?: string }).code ?? 'oidc_error', err: { type: (error as Error).name } }, 'web sign-in: the provider did not complete the sign-in');
      throw new AppError('unauthorised', 'the sign-in could not be completed: please sign in again');
    }
    const oid = typeof claims?.oid === 'string' ? claims.oid : typeof claims?.sub === 'string' ? claims.sub : undefined;
    if (!oid) throw new AppError('unauthorised', 'the identity provider did not say who signed in');
    const email = typeof claims?.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
    return { oid, ...(email ? { email } : {}), ...(typeof claims?.name === 'string' ? { name: claims.name } : {}) };
  }

  private discovered(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    if (!this.configuration) {
      this.configuration = (async () => {
        const lib = await import('openid-client');
        const { issuerUrl, clientId, clientSecret, allowInsecure } = this.settings;
        const config = await lib.discovery(new URL(issuerUrl), clientId, clientSecret, undefined, allowInsecure ? { execute: [lib.allowInsecureRequests] } : undefined);
        return { lib, config };
      })();
      this.configuration.catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error({ code: (error as { code?: string }).code ?? 'oidc_discovery_failed', err: { type: (error as Error).name } }, "web sign-in: cannot read the identity provider's metadata");
      });
    }
    return this.configuration.catch(() => {
      throw new AppError('sign_in_unavailable', "sign-in is not available just now: the council's identity provider cannot be reached. Please try again in a few minutes.");
    });
  }
}
