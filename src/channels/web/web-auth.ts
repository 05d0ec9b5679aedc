import type { IncomingMessage } from 'node:http';
import type { Bot, Identity } from '../../app/bot';
import { AppError } from '../../errors/app-error';
import { clientAddress, type TrustedProxies } from '../../security/trusted-proxies';
import type { CsrfGuard } from './csrf-guard';
import { devSessionFrom } from './dev-session';
import type { FoundSession, WebSessions } from './web-session';

/** How a web visitor is signed in: the council's identity provider, or the development stub. */
export type SignedInVia = 'oidc' | 'development';

/** A signed-in web visitor: the directory person, and how they signed in. */
export interface WebVisitor {
  identity: Identity;
  via: SignedInVia;
  found: FoundSession | undefined;
}

/**
 * Who is asking on the web: a session from the identity provider's sign-in, else (development only) the
 * development sign-in's cookie; and where their request came from, as far as the trusted proxies vouch.
 */
export class WebAuth {
  constructor(
    private readonly bot: Bot,
    private readonly sessions: WebSessions,
    readonly csrf: CsrfGuard,
    private readonly trustedProxies: TrustedProxies,
    /** The development sign-in stub; forced off in production by the settings. */
    readonly devSignIn: boolean,
    /** True when sign-in through the council's identity provider is configured. */
    readonly oidc: boolean,
  ) {}

  /** The visitor's session from the identity provider's sign-in, if its cookie names a live one. */
  session(req: IncomingMessage): Promise<FoundSession | undefined> {
    return this.sessions.find(req);
  }

  /** The signed-in visitor, or null: no session, an expired one, or a person the directory no longer lists. */
  async visitor(req: IncomingMessage): Promise<WebVisitor | null> {
    const found = await this.session(req);
    const signedIn = found
      ? { council: found.session.council, personId: found.session.personId, via: 'oidc' as const }
      : this.devSignIn
        ? { ...devSessionFrom(req), via: 'development' as const }
        : null;
    if (!signedIn?.council || !signedIn.personId || !this.bot.kb.hasCouncil(signedIn.council)) return null;
    const identity = await this.bot.identify({ channel: 'web', council: signedIn.council, userId: signedIn.personId });
    return identity.inDirectory ? { identity, via: signedIn.via, found } : null;
  }

  /** The signed-in person, or `unauthorised` saying how to sign in. */
  async signedIn(req: IncomingMessage): Promise<Identity> {
    const visitor = await this.visitor(req);
    if (visitor) return visitor.identity;
    const how = this.oidc
      ? 'sign in first (Sign in, at the top of the page)'
      : this.devSignIn
        ? 'sign in first (development sign-in, at the top of the page)'
        : 'complaints and briefing requests are made through Slack or Teams, where you are signed in';
    throw new AppError('unauthorised', how);
  }

  /** Refuses a state-changing request that did not come from our page with its session's token (`csrf_refused`). */
  async checkCsrf(req: IncomingMessage): Promise<void> {
    this.csrf.check(req, await this.session(req));
  }

  /**
   * The key a visitor's questions and votes are counted under: a signed-in person is counted as that person (the
   * same key Slack and Teams use, so one limit covers every channel); anyone else by their believed address.
   */
  async limitKey(req: IncomingMessage): Promise<string> {
    const visitor = await this.visitor(req);
    return visitor ? visitor.identity.personId : this.addressKey(req);
  }

  /** The key of the request's believed client address (see `TRUST_PROXY`). */
  addressKey(req: IncomingMessage): string {
    return `web-address:${clientAddress(this.trustedProxies, req.socket.remoteAddress, req.headers['x-forwarded-for'])}`;
  }
}
