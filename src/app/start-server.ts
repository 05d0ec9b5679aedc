import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createHttpServer } from '../channels/http/create-http-server';
import type { Route } from '../channels/http/http-types';
import { opsRoutes } from '../channels/http/ops-routes';
import { authRoutes } from '../channels/web/auth-routes';
import { CsrfGuard } from '../channels/web/csrf-guard';
import { OidcSignIn } from '../channels/web/oidc-sign-in';
import { WebAuth } from '../channels/web/web-auth';
import { webRoutes } from '../channels/web/web-routes';
import { WebSessions } from '../channels/web/web-session';
import { isLocalEnvironment, isLoopbackHost, type Settings } from '../config/settings-schema';
import { SharedRateLimiter } from '../security/shared-rate-limiter';
import { parseTrustedProxies } from '../security/trusted-proxies';
import { startBackgroundJobs, type BackgroundJobs } from './background-jobs';
import { buildBot, type BuiltBot } from './build-bot';
import { buildChannels, type BuiltChannels } from './build-channels';
import { routeLibraryConsole } from './library-console';

/** A running server and what it is made of, so it can be stopped cleanly (and inspected by tests). */
export interface RunningServer {
  server: Server;
  port: number;
  built: BuiltBot;
  channels: BuiltChannels;
  jobs: BackgroundJobs;
  /** Stops taking requests, finishes those in flight, stops the jobs and closes the database. */
  stop(): Promise<void>;
}

/** The web chat, its API and its sign-in, from the settings (web sign-in through OIDC when `OIDC_*` are set). */
function buildWebRoutes(settings: Settings, built: BuiltBot, logger: Logger): Route[] {
  const { bot, workflows } = built;
  const { clock } = workflows.deps;
  const publicUrl = settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL) : undefined;
  const cookies = { secure: publicUrl?.protocol === 'https:' || settings.NODE_ENV === 'production' };
  const store = workflows.storage.sessionStore;
  const sessions = new WebSessions(store, clock, cookies, settings.WEB_SESSION_HOURS);
  const devSignIn = settings.WEB_DEV_SIGN_IN ? settings.WEB_DEV_SIGN_IN === 'true' : settings.NODE_ENV === 'development';
  const { OIDC_ISSUER_URL: issuerUrl, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = settings;
  const oidc =
    issuerUrl && clientId && clientSecret && publicUrl
      ? (() => {
          const redirectUri = new URL('auth/callback', publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`).href;
          const issuer = new URL(issuerUrl);
          // the settings allow plain http only for a provider on this machine outside production
          const allowInsecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) && isLocalEnvironment(settings.NODE_ENV);
          return { signIn: new OidcSignIn({ issuerUrl, clientId, clientSecret, redirectUri, allowInsecure }, logger), redirectUri };
        })()
      : undefined;
  const auth = new WebAuth(bot, sessions, new CsrfGuard(cookies, publicUrl?.origin), parseTrustedProxies(settings.TRUST_PROXY), devSignIn, oidc !== undefined);
  const { rateLimits } = built.workflows;
  const feedback = {
    limiter: new SharedRateLimiter({ limit: settings.RATE_LIMIT_FEEDBACK_PER_HOUR, windowMs: 3_600_000 }, 'feedback', rateLimits, clock),
    anonymous: settings.NODE_ENV !== 'production',
  };
  const signInStarts = new SharedRateLimiter({ limit: 20, windowMs: 60_000 }, 'sign-in-starts', rateLimits, clock);
  return [...webRoutes(bot, { auth, feedback }), ...authRoutes(bot, { auth, sessions, store, clock, cookies, signInStarts, ...(oidc ? { oidc } : {}) })];
}

/** Builds everything from settings and listens on PORT (0 for any free port). */
export async function startServer(settings: Settings, logger: Logger): Promise<RunningServer> {
  const started = Date.now();
  const built = await buildBot(settings, logger);
  const { bot, workflows, metrics, classifierSource } = built;
  const channels = await buildChannels(settings, bot, logger);
  const restoreConsole = routeLibraryConsole(logger);
  const routes: Route[] = [
    ...opsRoutes(bot.kb, workflows.deps.store, metrics, { token: settings.METRICS_TOKEN, open: settings.NODE_ENV === 'development' }),
    ...buildWebRoutes(settings, built, logger),
    ...channels.routes,
  ];
  const server = createHttpServer(routes, logger);
  const jobs = startBackgroundJobs(
    workflows,
    channels.notifier,
    logger,
    { caseDays: settings.CASE_RETENTION_DAYS, unansweredDays: settings.UNANSWERED_RETENTION_DAYS },
    undefined,
    { perSecond: settings.OUTBOX_SENDS_PER_SECOND, burst: settings.OUTBOX_BURST },
    settings.OUTBOX_LEASE_SECONDS * 1000,
  );
  // Development on this machine only: its sign-in is a stub, so it must not be reachable from the network.
  const host = settings.HOST ?? (isLocalEnvironment(settings.NODE_ENV) ? '127.0.0.1' : '0.0.0.0');
  await new Promise<void>((resolve) => server.listen(settings.PORT, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.PORT;
  logger.info(
    { port, host, councils: bot.kb.councilIds(), channels: channels.names, model: classifierSource.fromCache ? 'cached' : 'trained', startupMs: Date.now() - started },
    'council etiquette bot listening',
  );
  void jobs.runOnce();
  return {
    server,
    port,
    built,
    channels,
    jobs,
    stop: async () => {
      jobs.stop();
      await jobs.settled();
      await channels.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await workflows.storage.close();
      restoreConsole();
    },
  };
}
