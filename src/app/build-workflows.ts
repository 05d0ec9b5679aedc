import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings-schema';
import { checkDirectoryAgainstKnowledgeBase } from '../directory/check-directory';
import { loadDirectory } from '../directory/load-directory';
import { AppError } from '../errors/app-error';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { aesGcmCipher, parseContentKey } from '../security/content-cipher';
import { checkContentKey } from '../security/content-key-check';
import { BriefingService } from '../workflows/briefings/briefing-service';
import { randomReference } from '../workflows/case-reference';
import { ComplaintService } from '../workflows/complaints/complaint-service';
import { CaseDesk } from '../workflows/cases/case-desk';
import { englandAndWalesBankHolidays } from '../workflows/deadlines/bank-holidays';
import { loadSavedBankHolidays } from './saved-bank-holidays';
import type { WorkflowDeps } from '../workflows/workflow-deps';
import type { ChannelStore } from '../storage/channel-store';
import type { RateLimitStore } from '../storage/rate-limit-store';
import { openStorage, type Storage } from './open-storage';
import { projectRoot } from './project-root';

/** The example directory used in development when DIRECTORY_FILE is not set. */
export const EXAMPLE_DIRECTORY = path.join(projectRoot(), 'config', 'directory.example.yaml');

/**
 * The content key: COMPLAINT_KEY when set; in development only, a random key kept in DATA_DIR so a newcomer
 * can try complaints without configuring anything (settings validation forbids this in production).
 */
function contentKey(settings: Settings, logger: Logger): Buffer {
  if (settings.COMPLAINT_KEY) return parseContentKey(settings.COMPLAINT_KEY);
  const file = path.join(path.resolve(settings.DATA_DIR), 'development-complaint.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  logger.warn({ file }, 'COMPLAINT_KEY is not set: using a development key from DATA_DIR (never do this in production)');
  return parseContentKey(readFileSync(file, 'utf8'));
}

/** The case workflows with their storage, directory and cipher. */
export interface BuiltWorkflows {
  deps: WorkflowDeps;
  complaints: ComplaintService;
  briefings: BriefingService;
  /** Works either kind of case for a person: cards, details and actions, for every channel. */
  cases: CaseDesk;
  channelStore: ChannelStore;
  /** Request counts shared by every instance (the web, Slack and Teams limits): PostgreSQL only (see Storage). */
  rateLimits: RateLimitStore | undefined;
  /** Every store, on the engine the settings name (the workflows go through `deps.store`, the same case store). */
  storage: Storage;
}

/** Builds storage (PostgreSQL at DATABASE_URL, or SQLite in DATA_DIR), the directory, the cipher and the workflow services. */
export async function buildWorkflows(settings: Settings, kb: KnowledgeBase, logger: Logger): Promise<BuiltWorkflows> {
  const directoryFile = settings.DIRECTORY_FILE ? path.resolve(settings.DIRECTORY_FILE) : EXAMPLE_DIRECTORY;
  if (!settings.DIRECTORY_FILE) logger.warn({ directoryFile }, 'DIRECTORY_FILE is not set: using the example directory of invented people');
  const directory = loadDirectory(directoryFile);
  const problems = checkDirectoryAgainstKnowledgeBase(directory, kb);
  if (problems.length > 0) throw new AppError('directory_invalid', `${directoryFile} does not match the knowledge base:\n  ${problems.join('\n  ')}`, problems);
  const key = contentKey(settings, logger);
  const storage = await openStorage(settings, logger);
  const store = storage.caseStore;
  const cipher = aesGcmCipher(key);
  try {
    await checkContentKey(store, cipher, key);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const deps: WorkflowDeps = {
    store,
    kb,
    directory,
    cipher,
    clock: { now: () => new Date() },
    newReference: randomReference,
    holidays: englandAndWalesBankHolidays(loadSavedBankHolidays()),
    serviceStandardWorkingDays: settings.SERVICE_STANDARD_WORKING_DAYS,
    logger,
  };
  const complaints = new ComplaintService(deps);
  const briefings = new BriefingService(deps);
  return {
    deps,
    complaints,
    briefings,
    cases: new CaseDesk(deps, complaints, briefings),
    channelStore: storage.channelStore,
    rateLimits: storage.rateLimitStore,
    storage,
  };
}
