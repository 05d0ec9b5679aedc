import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment settings (README "Settings"), parsed once at start-up. */
export const settingsSchema = z
  .object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  COUNCIL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  KNOWLEDGE_BASE_DIR: z.string().min(1).optional(),
  INTENTS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DIRECTORY_FILE: z.string().min(1).optional(),
  /** 64 hex characters or base64 of 32 bytes; required outside development. */
  COMPLAINT_KEY: z.string().min(1).optional(),
  /** Days a closed case is kept before it is purged. */
  CASE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  /** Working days to acknowledge where the protocol sets no deadline (the deployment's own standard). */
  SERVICE_STANDARD_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
})
  .superRefine((settings, ctx) => {
    if (settings.NODE_ENV === 'production' && !settings.COMPLAINT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['COMPLAINT_KEY'], message: 'is required outside development: complaint content is encrypted with it (generate one with: openssl rand -hex 32)' });
    }
    if (settings.NODE_ENV === 'production' && !settings.DIRECTORY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['DIRECTORY_FILE'], message: 'is required outside development: it names who handles complaints and briefings' });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;
