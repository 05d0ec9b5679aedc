import type { RunningServer } from '../../src/app/start-server';
import { FakeSlackApi } from './fake-slack-api';
import { SIGNING_SECRET } from './slack-requests';
import { startTestServer } from './test-server';

/** A running bot with Slack over HTTP against a fake Web API, for one `describe`; the scheduler is run by hand. */
export interface SlackTestServer {
  slack: FakeSlackApi;
  /** The running bot (set once beforeAll has run). */
  bot: RunningServer & { base: string };
}

/** Starts the bot for `council` with Slack on in beforeAll and stops both in afterAll. */
export function useSlackTestServer(council: string): SlackTestServer {
  const harness = { slack: new FakeSlackApi() } as SlackTestServer;
  beforeAll(async () => {
    const api = await harness.slack.start();
    harness.bot = await startTestServer({ COUNCIL: council, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api });
    harness.bot.jobs.stop();
  }, 30_000);
  afterAll(async () => {
    await harness.bot.stop();
    await harness.slack.stop();
  });
  return harness;
}
