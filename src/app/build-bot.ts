import type { Logger } from 'pino';
import type { Settings } from '../config/settings-schema';
import { addCaseGauges } from '../observability/case-gauges';
import { Metrics } from '../observability/metrics';
import { CaseOpeningLimit } from '../security/case-opening-limit';
import { SharedRateLimiter } from '../security/shared-rate-limiter';
import { Bot } from './bot';
import { buildAnswerEngine, type BuiltEngine } from './build-answer-engine';
import { buildWorkflows, type BuiltWorkflows } from './build-workflows';
import { loadConfiguredKnowledgeBase } from './load-configured-knowledge-base';

/** The core with its parts, for the server and tests. */
export interface BuiltBot {
  bot: Bot;
  workflows: BuiltWorkflows;
  metrics: Metrics;
  classifierSource: BuiltEngine['classifierSource'];
}

/** Loads the knowledge base once and builds the engine, the workflows and the channel-neutral Bot. */
export async function buildBot(settings: Settings, logger: Logger): Promise<BuiltBot> {
  const kb = loadConfiguredKnowledgeBase(settings);
  const { engine, classifierSource } = buildAnswerEngine(settings, kb);
  const workflows = await buildWorkflows(settings, kb, logger);
  const metrics = new Metrics();
  addCaseGauges(metrics, workflows.deps.store, workflows.deps.clock);
  const { clock } = workflows.deps;
  const limits = {
    questions: new SharedRateLimiter({ limit: settings.RATE_LIMIT_QUESTIONS_PER_MINUTE, windowMs: 60_000 }, 'questions', workflows.rateLimits, clock),
    cases: new CaseOpeningLimit({ limit: settings.RATE_LIMIT_CASES_PER_HOUR, windowMs: 3_600_000 }, workflows.deps.store, clock),
  };
  const bot = new Bot(kb, engine, workflows.complaints, workflows.briefings, workflows.cases, workflows.channelStore, workflows.deps.directory, metrics, clock, logger, settings.COUNCIL, limits);
  return { bot, workflows, metrics, classifierSource };
}
