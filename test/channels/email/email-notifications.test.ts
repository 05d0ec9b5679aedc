import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { createLogger } from '../../../src/app/create-logger';
import type { RunningServer } from '../../../src/app/start-server';
import { dispatchOutbox } from '../../../src/workflows/outbox-dispatcher';
import { FakeBotConnector, teamsMessage } from '../../support/fake-bot-connector';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { fileWebComplaint, type WebComplaint } from '../../support/file-web-complaint';
import { SIGNING_SECRET } from '../../support/slack-requests';
import { SmtpSink, type ReceivedMail } from '../../support/smtp-sink';
import { tempDataDir } from '../../support/temp-data-dir';
import { startTestServer } from '../../support/test-server';
import { DIRECTORY_FIXTURE } from '../../support/workflow-harness';

// Lydney's HR contact (Personnel) has only an email address. Ivy Clerk, the Town Clerk, handles a councillor's
// complaint about an officer; in the example directory she has a Slack id and an email address.
const CLERK = 'clerk@lydney.example';
const PERSONNEL = 'personnel@lydney.example';
const MAIL_FROM = 'Lydney etiquette bot <etiquette@lydney.example>';
const silent = createLogger('silent');

/** The complaint's own words, and the people in it: none may be in any email. */
const COMPLAINT = {
  description: 'He shouted at me across the Bream Road car park about the allotment hedges in front of residents.',
  triedInformally: 'I raised it with him at the Thursday surgery',
  desiredOutcome: 'A written apology and a quiet word',
};
const WORDS = ['Bream Road', 'allotment hedges', 'Thursday surgery', 'written apology', 'quiet word', 'Kit Assistant', 'Ned Member'];

let keys = 0;
/** Cllr Ned Member's complaint about Kit Assistant (an officer): to the Town Clerk, and HR is told. */
const aboutTheOfficer = (): WebComplaint => ({ council: 'lydney', complainant: 'ly-member', about: 'ly-officer', idempotencyKey: `email-member-${(keys += 1)}`, ...COMPLAINT });

/** Asserts that no email says anything of the complaint or names the people in it. */
function expectNoContent(mails: ReceivedMail[]): void {
  for (const mail of mails)
    for (const words of WORDS) {
      expect(mail.text).not.toContain(words);
      expect(mail.raw).not.toContain(words);
    }
}

/** [to, subject] of each mail, sorted, for comparing who got what. */
const whoGotWhat = (mails: ReceivedMail[]) => mails.map((m) => [m.to.join(','), m.subject]).sort();

type DirectoryPerson = Record<string, string>;

/** The person of that id in a directory's list, or a failure saying the example directory has changed. */
function person(people: DirectoryPerson[], id: string): DirectoryPerson {
  const found = people.find((p) => p.id === id);
  if (!found) throw new Error(`the example directory has changed: no ${id}`);
  return found;
}

/** A copy of the example directory with one council's people edited, as a DIRECTORY_FILE. */
function directoryWith(council: string, edit: (people: DirectoryPerson[]) => void): string {
  const data = parse(readFileSync(DIRECTORY_FIXTURE, 'utf8')) as { councils: Record<string, { people: DirectoryPerson[] }> };
  edit(data.councils[council]?.people ?? []);
  const file = path.join(tempDataDir(), 'directory.yaml');
  writeFileSync(file, stringify(data));
  return file;
}

/** Runs the outbox as the background pass would, at a time the test chooses (retries wait 30 s and more). */
const passAt = (bot: RunningServer, secondsFromNow: number) => dispatchOutbox(bot.built.workflows.deps.store, bot.channels.notifier, () => new Date(Date.now() + secondsFromNow * 1000), silent);

describe('email notifications, with no chat channel on', () => {
  const sink = new SmtpSink();
  let bot: RunningServer & { base: string };

  beforeAll(async () => {
    const port = await sink.start();
    bot = await startTestServer({
      COUNCIL: 'lydney',
      WEB_DEV_SIGN_IN: 'true',
      RATE_LIMIT_CASES_PER_HOUR: '100',
      // smtp-server's own certificate has expired: a local test server is spoken to without STARTTLS; a 4 s socket
      // timeout lets a late answer time out quickly.
      SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true&socketTimeout=4000`,
      MAIL_FROM,
      PUBLIC_URL: 'https://etiquette.lydney.example/',
    });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await sink.stop();
  });

  it('mails the Town Clerk (Slack id, but no Slack here) and email-only HR once each, with the link and none of the complaint', async () => {
    const reference = await fileWebComplaint(bot.base, aboutTheOfficer());
    await bot.jobs.runOnce();

    const mails = sink.about(reference);
    expect(whoGotWhat(mails)).toEqual([
      [CLERK, `[${reference}] For you to handle`],
      [PERSONNEL, `[${reference}] New case`],
    ]);
    const clerk = mails.find((m) => m.to[0] === CLERK);
    const hr = mails.find((m) => m.to[0] === PERSONNEL);
    expect(clerk?.text).toMatch(/^Dear Ivy Clerk,\n/);
    expect(clerk?.headers.get('to')).toBe(`Ivy Clerk <${CLERK}>`);
    expect(clerk?.text).toContain(`has been routed to you as Town Clerk (CEO)`);
    expect(clerk?.text).toContain('In the case you can acknowledge it, pass it to the next level or reply.');
    expect(hr?.text).toMatch(/^Dear Personnel,\n/);
    for (const mail of mails) {
      expect(mail.from).toBe('etiquette@lydney.example');
      expect(mail.headers.get('from')).toBe(MAIL_FROM);
      expect(mail.text).toContain(`Open the case: https://etiquette.lydney.example/cases/${reference}\n`);
      expect(mail.text).toContain(`Reference: ${reference}`);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.headers.get('message-id')).toMatch(new RegExp(`^<notification-\\d+\\.${reference}@lydney\\.example>$`));
    }
    expect(clerk?.headers.get('message-id')).not.toBe(hr?.headers.get('message-id'));
    expectNoContent(mails);

    // Sent is sent: the next pass sends nothing again.
    await passAt(bot, 3600);
    expect(sink.about(reference)).toHaveLength(2);
  });

  it('keeps the notices while the mail server is down and sends each once when it is back', async () => {
    await sink.stop();
    let reference: string;
    try {
      reference = await fileWebComplaint(bot.base, aboutTheOfficer());
      await bot.jobs.runOnce();
      await passAt(bot, 31);
      expect(sink.about(reference)).toEqual([]);
    } finally {
      await sink.start();
    }
    await passAt(bot, 3600);
    await passAt(bot, 7200);
    expect(whoGotWhat(sink.about(reference))).toEqual([
      [CLERK, `[${reference}] For you to handle`],
      [PERSONNEL, `[${reference}] New case`],
    ]);
  });

  it('goes on to the next notice when the server refuses an address for good (550), and retries that one', async () => {
    sink.refused.set(CLERK, 550);
    let reference: string;
    try {
      reference = await fileWebComplaint(bot.base, aboutTheOfficer());
      await bot.jobs.runOnce();
      // The Town Clerk's notice is first in the outbox: refused, and HR's still went in the same pass.
      expect(whoGotWhat(sink.about(reference))).toEqual([[PERSONNEL, `[${reference}] New case`]]);
    } finally {
      sink.refused.delete(CLERK);
    }
    await passAt(bot, 3600);
    expect(whoGotWhat(sink.about(reference))).toEqual([
      [CLERK, `[${reference}] For you to handle`],
      [PERSONNEL, `[${reference}] New case`],
    ]);
  });

  it('stops the pass at "try later" (451): the server is struggling, so the rest wait for the next pass', async () => {
    sink.refused.set(CLERK, 451);
    let reference: string;
    try {
      reference = await fileWebComplaint(bot.base, aboutTheOfficer());
      await bot.jobs.runOnce();
      expect(sink.about(reference)).toEqual([]);
    } finally {
      sink.refused.delete(CLERK);
    }
    await passAt(bot, 3600);
    expect(sink.about(reference)).toHaveLength(2);
  });

  it('resends a notice whose answer timed out under the same Message-ID, so the copy is recognisable', async () => {
    // The server takes the Town Clerk's message but answers after the client has given up.
    sink.answerLate(1, 6000);
    const reference = await fileWebComplaint(bot.base, aboutTheOfficer());
    await bot.jobs.runOnce();
    expect(sink.about(reference).map((m) => m.to[0])).toEqual([CLERK]);

    await passAt(bot, 3600);
    const toClerk = sink.about(reference).filter((m) => m.to[0] === CLERK);
    expect(toClerk).toHaveLength(2);
    expect(toClerk[1]?.headers.get('message-id')).toBe(toClerk[0]?.headers.get('message-id'));
    expect(sink.about(reference).filter((m) => m.to[0] === PERSONNEL)).toHaveLength(1);
  }, 20_000);
});

describe('email notifications beside Slack', () => {
  const sink = new SmtpSink();
  const slack = new FakeSlackApi();
  let bot: RunningServer & { base: string };

  beforeAll(async () => {
    const port = await sink.start();
    const api = await slack.start();
    bot = await startTestServer({
      COUNCIL: 'lydney',
      WEB_DEV_SIGN_IN: 'true',
      RATE_LIMIT_CASES_PER_HOUR: '100',
      // The Town Clerk has only an email address; Cllr Max Personnel (the Personnel Committee) has one beside his Slack id.
      DIRECTORY_FILE: directoryWith('lydney', (people) => {
        delete person(people, 'ly-clerk').slackUserId;
        person(people, 'ly-personnel').email = 'max.personnel@lydney.example';
      }),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api,
      SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      MAIL_FROM,
    });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await sink.stop();
  });

  const slackPostsAbout = (reference: string) => slack.of('chat.postMessage').filter((c) => String(c.args.text).includes(reference));

  it('mails an email-only handler and HR, and says where to read the case when the bot has no public address', async () => {
    const reference = await fileWebComplaint(bot.base, aboutTheOfficer());
    await bot.jobs.runOnce();

    const mails = sink.about(reference);
    expect(whoGotWhat(mails)).toEqual([
      [CLERK, `[${reference}] For you to handle`],
      [PERSONNEL, `[${reference}] New case`],
    ]);
    expect(slackPostsAbout(reference)).toEqual([]);
    for (const mail of mails) {
      expect(mail.text).toContain(`Read the case in the council etiquette bot (reference ${reference})`);
      expect(mail.text).not.toMatch(/https?:\/\//);
    }
    expectNoContent(mails);
  });

  it('reaches someone with a Slack id on Slack only, never a second time by email', async () => {
    // Kit Assistant's complaint about Cllr Ned Member goes to the Personnel Committee: Cllr Max Personnel.
    const reference = await fileWebComplaint(bot.base, {
      council: 'lydney',
      complainant: 'ly-officer',
      about: 'ly-member',
      idempotencyKey: `email-officer-${(keys += 1)}`,
      description: COMPLAINT.description,
    });
    await bot.jobs.runOnce();

    expect(slackPostsAbout(reference).map((c) => c.args.channel)).toEqual(['ULYPER']);
    expect(whoGotWhat(sink.about(reference))).toEqual([[PERSONNEL, `[${reference}] New case`]]);
    expect(sink.mails.filter((m) => m.to.includes('max.personnel@lydney.example'))).toEqual([]);
    expectNoContent(sink.about(reference));
  });
});

describe('email notifications beside Teams', () => {
  const sink = new SmtpSink();
  const connector = new FakeBotConnector();
  const DIRECTOR = { id: '29:director', aadObjectId: 'aad-lc-ds' };
  const FIN = 'fin.services@londoncouncils.example';
  const LC_HR = 'hr@londoncouncils.example';
  let bot: RunningServer & { base: string };
  let serviceUrl = '';

  beforeAll(async () => {
    const port = await sink.start();
    serviceUrl = await connector.start();
    bot = await startTestServer({
      COUNCIL: 'london-councils',
      WEB_DEV_SIGN_IN: 'true',
      RATE_LIMIT_CASES_PER_HOUR: '100',
      TEAMS_LOCAL: 'true',
      // Fin Services (director, Services) has a Teams id and, here, an email address too.
      DIRECTORY_FILE: directoryWith('london-councils', (people) => {
        person(people, 'lc-director-services').email = FIN;
      }),
      SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      MAIL_FROM: 'Etiquette bot <etiquette@londoncouncils.example>',
    });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
    await sink.stop();
  });

  /** Cllr Jo Member's complaint about Han Officer (Services): to Fin Services, and HR is told. */
  const complain = () => fileWebComplaint(bot.base, { council: 'london-councils', complainant: 'lc-member', about: 'lc-officer-2', idempotencyKey: `email-lc-${(keys += 1)}`, ...COMPLAINT });
  const teamsAbout = (reference: string) => connector.sent.filter((a) => (a.activity.text ?? '').includes(reference));

  it('mails a Teams user until the bot has a conversation with them, and then reaches them on Teams only', async () => {
    const before = await complain();
    await bot.jobs.runOnce();
    // Teams can message someone only once they have talked to the bot: until then, email.
    expect(teamsAbout(before)).toEqual([]);
    expect(whoGotWhat(sink.about(before))).toEqual([
      [FIN, `[${before}] For you to handle`],
      [LC_HR, `[${before}] New case`],
    ]);

    await fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage(serviceUrl, DIRECTOR, 'conv-director', 'hello')) });
    await connector.waitFor((a) => a.conversationId === 'conv-director');
    const after = await complain();
    await bot.jobs.runOnce();
    expect(teamsAbout(after).map((a) => a.conversationId)).toEqual(['conv-director']);
    expect(whoGotWhat(sink.about(after))).toEqual([[LC_HR, `[${after}] New case`]]);
    expectNoContent([...sink.about(before), ...sink.about(after)]);
  });
});
