import { z } from 'zod';
import { parseContentKey } from '../security/content-cipher';
import { databaseUrlProblem } from './database-url-check';
import { mailFromAddress, smtpUrlProblems } from './smtp-url-check';
import { parseTrustedProxies } from '../security/trusted-proxies';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The environments that run on one person's machine: development, and test (the automated suite). Any other
 * NODE_ENV (production, staging, uat …) is a deployment others can reach, where the settings refuse what is unsafe.
 */
const LOCAL_ENVIRONMENTS: ReadonlySet<string> = new Set(['development', 'test']);

/** True for development and the test suite; false for production, staging and every other deployment. */
export function isLocalEnvironment(nodeEnv: string): boolean {
  return LOCAL_ENVIRONMENTS.has(nodeEnv);
}

/** True for a HOST only this machine can reach (loopback), or none (the local default, 127.0.0.1). */
export function isLoopbackHost(host: string | undefined): boolean {
  return host === undefined || host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Environment settings (README "Settings"), parsed once at start-up. */
export const settingsSchema = z
  .object({
    /** An optional file of NAME=value settings; environment variables override it. */
    CONFIG_FILE: z.string().min(1).optional(),
    /** development and test are local; any other word (production, staging …) is a deployment, held to its rules. */
    NODE_ENV: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lowercase word such as development, test, staging or production')
      .default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The interface to listen on; development and test listen on 127.0.0.1 only unless this says otherwise. */
    HOST: z.string().min(1).optional(),
    /** Bearer token `GET /metrics` requires; without it, metrics are served only in development. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    COUNCIL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * PostgreSQL for cases, sessions, rate limits and chat state, shared by every instance behind a load balancer
     * (`postgres://user:password@host:5432/database`); unset, everything is in the embedded SQLite file in DATA_DIR.
     */
    DATABASE_URL: z.string().min(1).optional(),
    /** Connections each instance keeps open to PostgreSQL (DATABASE_URL). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    KNOWLEDGE_BASE_DIR: z.string().min(1).optional(),
    INTENTS_DIR: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    DIRECTORY_FILE: z.string().min(1).optional(),
    /** 64 hex characters or base64 of 32 bytes; required outside development. */
    COMPLAINT_KEY: z.string().min(1).optional(),
    /** Days a declined or clarified question is kept for the knowledge base's maintainers. */
    UNANSWERED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Days a closed case is kept before it is purged. */
    CASE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    /** The web chat's development sign-in stub: only in development or test, on a loopback HOST. */
    WEB_DEV_SIGN_IN: z.enum(['true', 'false']).optional(),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_BOT_TOKEN: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().min(1).optional(),
    SLACK_API_URL: z.string().url().optional(),
    MICROSOFT_APP_ID: z.string().min(1).optional(),
    MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
    MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
    /**
     * Where the Bot Framework publishes the keys that sign requests to the bot. Left unset, Microsoft's public
     * cloud (the SDK's default); set only for another cloud, or in tests, to a local issuer.
     */
    TEAMS_OPENID_METADATA_URL: z.string().url().optional(),
    /** Turns on the Teams endpoint without credentials (local Bot Framework Emulator or tests only). */
    TEAMS_LOCAL: z.enum(['true', 'false']).optional(),
    /** Working days to acknowledge where the protocol sets no deadline (the deployment's own standard). */
    SERVICE_STANDARD_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** Questions one person may ask in any minute, on every channel together; more are refused politely. */
    RATE_LIMIT_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(30),
    /** Complaints and briefing requests one person may open in any hour (retries of one submission count once). */
    RATE_LIMIT_CASES_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(5),
    /**
     * How long a write waits for the database's write lock when another process holds it. The wait stops the whole
     * process (SQLite is synchronous here), so it is short; the request is then tried again on a timer, and refused
     * with storage_busy (503) if the lock is still held.
     */
    SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(5_000).default(200),
    /** Below this many free bytes on the data folder's disk, /readyz reports disk_full (default 8 MiB). */
    STORAGE_MIN_FREE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(8 * 1024 * 1024),
    /**
     * Notifications one recipient (a chat conversation or mailbox) may be sent per second, and in one burst; the
     * outbox drains at this pace. Slack allows chat.postMessage about once a second a channel, with short bursts.
     */
    OUTBOX_SENDS_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
    OUTBOX_BURST: z.coerce.number().int().min(1).max(1000).default(10),
    /**
     * Seconds a notification an instance has claimed is left to it; one it was sending when it died is sent by
     * another instance after this. Long enough for the slowest channel's send, a fifth of it for one dispatch.
     */
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(600),
    /** How long one Slack Web API call may take before the outbox treats it as failed (and checks before resending). */
    SLACK_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** The bot's public base URL: links in notifications go to `${PUBLIC_URL}/cases/<reference>`. */
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/, 'must be an http:// or https:// base URL without a query, e.g. https://etiquette.example.gov.uk')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /**
     * The mail server for email notifications (people and HR contacts no chat channel reaches): `smtp://user:pass@host:587`
     * or `smtps://…:465`, with nodemailer's URL options after `?`. It carries a password: never logged or echoed.
     */
    SMTP_URL: z.string().min(1).optional(),
    /** The sender of email notifications: `Name <address>` or an address. */
    MAIL_FROM: z.string().min(1).optional(),
    /** Web sign-in through the council's OpenID Connect provider (Microsoft Entra ID: `https://login.microsoftonline.com/TENANT/v2.0`). */
    OIDC_ISSUER_URL: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Hours a web sign-in lasts before the person signs in again. */
    WEB_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(8),
    /** Helpful / not helpful votes one person (or, where anonymous votes are allowed, one address) may send in an hour. */
    RATE_LIMIT_FEEDBACK_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Reverse proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, `loopback`, or a number of hops. */
    TRUST_PROXY: z.string().optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.DATABASE_URL) {
      const problem = databaseUrlProblem(settings.DATABASE_URL, !isLocalEnvironment(settings.NODE_ENV));
      if (problem) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: problem });
    }
    const deployed = !isLocalEnvironment(settings.NODE_ENV);
    const where = deployed ? `with NODE_ENV=${settings.NODE_ENV}` : `on HOST=${settings.HOST}, which others can reach`;
    if (deployed && !settings.COMPLAINT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['COMPLAINT_KEY'], message: 'is required outside development: complaint content is encrypted with it (generate one with: openssl rand -hex 32)' });
    }
    if (settings.COMPLAINT_KEY) {
      try {
        parseContentKey(settings.COMPLAINT_KEY);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['COMPLAINT_KEY'], message: (error as Error).message.replace(/^COMPLAINT_KEY /, '') });
      }
    }
    // The development sign-in lets anyone sign in as anyone: only ever on this machine. In development it is on
    // unless turned off, so a HOST others can reach must turn it off explicitly.
    const devSignIn = settings.WEB_DEV_SIGN_IN ? settings.WEB_DEV_SIGN_IN === 'true' : settings.NODE_ENV === 'development';
    if (devSignIn && (deployed || !isLoopbackHost(settings.HOST))) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_DEV_SIGN_IN'],
        message: `the development sign-in lets anyone sign in as anyone, so it cannot be on ${where}: set WEB_DEV_SIGN_IN=false${deployed ? '' : ' or listen on 127.0.0.1'}`,
      });
    }
    if (settings.SLACK_BOT_TOKEN && !settings.SLACK_SIGNING_SECRET && !settings.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
    if (settings.SLACK_BOT_TOKEN && !settings.COUNCIL) {
      ctx.addIssue({ code: 'custom', path: ['COUNCIL'], message: 'is required with Slack: a workspace belongs to one council' });
    }
    if ((settings.MICROSOFT_APP_ID || settings.TEAMS_LOCAL === 'true') && !settings.COUNCIL) {
      ctx.addIssue({ code: 'custom', path: ['COUNCIL'], message: 'is required with Teams: a tenant belongs to one council' });
    }
    if ((settings.SLACK_SIGNING_SECRET || settings.SLACK_APP_TOKEN) && !settings.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required to turn Slack on' });
    }
    if (settings.MICROSOFT_APP_ID && !settings.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'is required with MICROSOFT_APP_ID' });
    }
    if (settings.TEAMS_LOCAL === 'true' && (deployed || !isLoopbackHost(settings.HOST))) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_LOCAL'], message: `an unauthenticated Teams endpoint cannot be turned on ${where}: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD instead` });
    }
    if (deployed && settings.MICROSOFT_APP_ID && !settings.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: "is required outside development with MICROSOFT_APP_ID: the bot is single-tenant, so only the council's own tenant can reach it",
      });
    }
    if (settings.SMTP_URL) {
      for (const problem of smtpUrlProblems(settings.SMTP_URL, !deployed)) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: problem });
      if (deployed && !settings.MAIL_FROM) {
        ctx.addIssue({
          code: 'custom',
          path: ['MAIL_FROM'],
          message: 'is required with SMTP_URL outside development: the address notification emails come from, e.g. "Council etiquette bot <etiquette@council.gov.uk>"',
        });
      }
    }
    if (settings.MAIL_FROM && !mailFromAddress(settings.MAIL_FROM)) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must be an email address, or a name and an address as "Name <address>"' });
    }
    const oidc = { OIDC_ISSUER_URL: settings.OIDC_ISSUER_URL, OIDC_CLIENT_ID: settings.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: settings.OIDC_CLIENT_SECRET };
    const oidcSet = Object.entries(oidc).filter(([, value]) => value !== undefined);
    if (oidcSet.length > 0 && oidcSet.length < 3) {
      for (const [name, value] of Object.entries(oidc))
        if (value === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${oidcSet.map(([set]) => set).join(' and ')}: web sign-in needs the issuer, client id and client secret` });
    }
    if (oidcSet.length > 0 && !settings.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required with OIDC_*: the provider sends people back to PUBLIC_URL/auth/callback' });
    }
    // (a value that is not a URL at all is already reported by its field)
    const issuer = parsedUrl(settings.OIDC_ISSUER_URL);
    if (issuer) {
      if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) && !deployed)) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'must be https (plain http is allowed only for a provider on this machine, outside production)' });
      }
    }
    if (deployed && parsedUrl(settings.PUBLIC_URL) && parsedUrl(settings.PUBLIC_URL)?.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be https outside development: sign-in cookies are sent only over https' });
    }
    try {
      parseTrustedProxies(settings.TRUST_PROXY);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: (error as Error).message });
    }
    if (deployed && !settings.DIRECTORY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['DIRECTORY_FILE'], message: 'is required outside development: it names who handles complaints and briefings' });
    }
  });

/** A URL, or undefined for none or one that does not parse. */
function parsedUrl(value: string | undefined): URL | undefined {
  return value !== undefined && URL.canParse(value) ? new URL(value) : undefined;
}

export type Settings = z.infer<typeof settingsSchema>;
