import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment settings (README "Settings"), parsed once at start-up. */
export const settingsSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  COUNCIL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  KNOWLEDGE_BASE_DIR: z.string().min(1).optional(),
  INTENTS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;
