import { inTurn } from '../support/in-turn';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startBackgroundJobs } from '../../src/app/background-jobs';
import { aesGcmCipher } from '../../src/security/content-cipher';
import { checkContentKey } from '../../src/security/content-key-check';
import { DATABASE_FILE } from '../../src/storage/sqlite/open-database';
import { SqliteChannelStore } from '../../src/storage/sqlite/sqlite-channel-store';
import { BriefingService } from '../../src/workflows/briefings/briefing-service';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import type { Notification, Notifier, Recipient } from '../../src/workflows/notifications';
import type { WorkflowDeps } from '../../src/workflows/workflow-deps';
import { runEtiquette } from '../support/cli-harness';
import { tempDataDir } from '../support/temp-data-dir';
import { workflowHarness } from '../support/workflow-harness';

const running: Array<{ stop(): void }> = [];
afterEach(() => running.splice(0).forEach((jobs) => jobs.stop()));

/**
 * The retention world: workflows on a real SQLite file with a clock the test moves, the server's background pass
 * started on them, and the `etiquette` CLI on the same DATA_DIR and content key.
 */
async function retentionWorld(startIso = '2026-08-27T10:00:00Z') {
  const dataDir = tempDataDir();
  const hexKey = randomBytes(32).toString('hex');
  const harness = workflowHarness(startIso, dataDir);
  const deps: WorkflowDeps = { ...harness.deps, cipher: aesGcmCipher(Buffer.from(hexKey, 'hex')) };
  await checkContentKey(deps.store, deps.cipher, Buffer.from(hexKey, 'hex'));
  const complaints = new ComplaintService(deps);
  const briefings = new BriefingService(deps);
  const delivered: Array<{ to: Recipient; n: Notification }> = [];
  const notifier: Notifier = { deliver: async (to, n) => void delivered.push({ to, n }) };
  const jobs = startBackgroundJobs({ deps, channelStore: new SqliteChannelStore(harness.db) }, notifier, deps.logger, { caseDays: 730, unansweredDays: 90 }, 3_600_000);
  running.push(jobs);
  const env = { NODE_ENV: 'test', DATA_DIR: dataDir, COMPLAINT_KEY: hexKey, LOG_LEVEL: 'silent' };
  return {
    ...harness,
    deps,
    complaints,
    briefings,
    delivered,
    /** Moves the clock and runs one background pass (deadlines, outbox, retention) as the server does. */
    passAt: async (iso: string) => {
      harness.clock.set(iso);
      await jobs.runOnce();
    },
    cli: (argv: string[]) => runEtiquette(argv, env),
    listed: async (): Promise<Array<{ reference: string; state: string; legalHoldSince: string | null }>> => JSON.parse((await runEtiquette(['cases', '--json'], env)).stdout),
    /** Every value of every row of every table, as one text, to search for people. */
    everyTable: () =>
      (harness.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
        .map(({ name }) => JSON.stringify(harness.db.prepare(`SELECT * FROM "${name}"`).all()))
        .join('\n'),
    /** The database files' bytes, as Latin-1 text: a deleted row left in a free page or the log shows here. */
    rawFiles: () =>
      ['', '-wal']
        .map((suffix) => path.join(dataDir, `${DATABASE_FILE}${suffix}`))
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file).toString('latin1'))
        .join('\n'),
  };
}

type World = Awaited<ReturnType<typeof retentionWorld>>;

/** A complaint worked from start to close, with a message each way; returns its reference. */
async function closedComplaint(world: World, council: string, complainant: string, subject: string, key: string): Promise<string> {
  const { complaints } = world;
  const { reference } = await complaints.open({
    idempotencyKey: `retention-${key}`,
    council,
    complainant: { personId: complainant, role: 'member' },
    subject: { personId: subject },
    description: 'The officer ignored my four emails about the flooding in Brook Lane.',
    triedInformally: 'Phoned the team.',
    desiredOutcome: 'A reply.',
  });
  const handler = (await complaints.view(reference, complainant)).handler.personId;
  await complaints.act(reference, handler, 'acknowledge');
  await complaints.message(reference, handler, 'Could you send the dates of the emails?');
  await complaints.message(reference, complainant, '3, 10, 17 and 24 August.');
  await complaints.act(reference, handler, 'record-outcome', { outcome: 'Upheld: an apology follows.', investigationNotes: 'Cover arrangements failed.' });
  await complaints.act(reference, complainant, 'close');
  return reference;
}

const RUSHCLIFFE_PEOPLE = ['rb-member', 'Cllr Ben Member', 'rb-officer', 'Zed Officer', 'rb-director-neigh', 'Yas Director'];

describe('retention that forgets', () => {
  it('after the purge no table names the complainant, the subject or the handler of the purged case, and only a record that it existed remains', async () => {
    const world = await retentionWorld();
    const purged = await closedComplaint(world, 'rushcliffe', 'rb-member', 'rb-officer', 'purged');
    await world.complaints.view(purged, 'rb-director-neigh');
    await expect(world.complaints.view(purged, 'rb-other-leader')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    world.clock.set('2028-09-01T10:00:00Z');
    const kept = (
      await world.complaints.open({
        idempotencyKey: 'retention-kept',
        council: 'council-2016',
        complainant: { personId: 'c16-member', role: 'member' },
        subject: { personId: 'c16-officer' },
        description: 'A newer complaint that must stay as it is.',
      })
    ).reference;
    expect(world.everyTable()).toContain('rb-member');
    expect(world.rawFiles()).toContain('rb-member');

    await world.passAt('2028-09-10T10:00:00Z');

    expect((await world.listed()).map((c) => c.reference)).toEqual([kept]);
    const tables = world.everyTable();
    const raw = world.rawFiles();
    for (const person of RUSHCLIFFE_PEOPLE) {
      expect(tables).not.toContain(person);
      expect(raw).not.toContain(person);
    }
    const history = await world.store.listAudit(purged);
    expect(history.filter((line) => line.action === 'purged')).toEqual([
      expect.objectContaining({ actor: 'system', detail: expect.stringMatching(/^complaint at rushcliffe, opened 2026-08-27, closed 2026-08-27; purged after 730 days$/) }),
    ]);
    expect(history.map((line) => line.action)).toEqual(expect.arrayContaining(['opened', 'acknowledge', 'message', 'record-outcome', 'close', 'refused:read', 'purged']));
    expect(history.find((line) => line.action === 'opened')?.actor).toBe('purged:complainant');
    expect(history.find((line) => line.action === 'acknowledge')).toEqual(expect.objectContaining({ actor: 'purged:handler', detail: 'submitted -> acknowledged' }));
    expect(history.find((line) => line.action === 'refused:read')?.actor).toBe('purged:person');
    // The case that was not due keeps its people and its history as they were.
    expect((await world.store.listAudit(kept)).find((line) => line.action === 'opened')?.actor).toBe('c16-member');
    expect(world.everyTable()).toContain('c16-member');
  }, 30_000);

  it('keeps the audit log tamper-resistant: no line of a live case changes, and a purged case only to pseudonyms', async () => {
    const world = await retentionWorld();
    const live = (
      await world.complaints.open({
        idempotencyKey: 'retention-live',
        council: 'rushcliffe',
        complainant: { personId: 'rb-member', role: 'member' },
        subject: { personId: 'rb-officer' },
        description: 'Still open.',
      })
    ).reference;
    const update = world.db.prepare('UPDATE audit_log SET actor = ?, detail = ? WHERE reference = ?');
    expect(() => update.run('purged:person', 'removed at purge', live)).toThrow(/append-only/);
    const purged = await closedComplaint(world, 'council-2016', 'c16-member', 'c16-officer', 'tamper');
    await world.passAt('2028-09-10T10:00:00Z');
    expect(await world.store.getCase(purged)).toBeUndefined();
    expect(() => update.run('c16-member', 'removed at purge', purged)).toThrow(/append-only/);
    expect(() => update.run('purged:person', 'something else entirely', purged)).toThrow(/append-only/);
    expect(() => world.db.prepare("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE reference = ?").run(purged)).toThrow(/append-only/);
    expect(() => world.db.prepare('DELETE FROM audit_log WHERE reference = ?').run(purged)).toThrow(/append-only/);
    expect((await world.store.listAudit(purged)).at(-1)?.action).toBe('purged');
  });
});

describe('a legal hold', () => {
  it('keeps a held case past retention; once the Monitoring Officer releases it, the next pass purges it', async () => {
    const world = await retentionWorld();
    const reference = await closedComplaint(world, 'council-2016', 'c16-member', 'c16-officer', 'held');
    const hold = await world.cli(['case', 'hold', reference, '--by', 'c16-mo', '--reason', 'Employment tribunal claim 2601234/2026']);
    expect(hold).toEqual(expect.objectContaining({ code: 0, stdout: expect.stringContaining(`${reference} is under a legal hold, placed by Fay Monitor (c16-mo)`) }));

    await world.passAt('2028-09-10T10:00:00Z');
    expect(await world.listed()).toEqual([expect.objectContaining({ reference, state: 'closed', legalHoldSince: expect.any(String) })]);
    expect((await world.complaints.view(reference, 'c16-member')).messages).toHaveLength(2);

    const release = await world.cli(['case', 'release', reference, '--by', 'c16-mo', '--reason', 'The claim was settled.']);
    expect(release).toEqual(expect.objectContaining({ code: 0, stdout: expect.stringContaining('no longer under a legal hold') }));
    const audit = await world.store.listAudit(reference);
    expect(audit.filter((line) => line.action.startsWith('legal-hold'))).toEqual([
      expect.objectContaining({ action: 'legal-hold', actor: 'c16-mo', detail: 'placed: Employment tribunal claim 2601234/2026' }),
      expect.objectContaining({ action: 'legal-hold-released', actor: 'c16-mo', detail: 'released: The claim was settled.' }),
    ]);

    await world.passAt('2028-09-11T10:00:00Z');
    expect(await world.listed()).toEqual([]);
    expect(world.everyTable()).not.toContain('Employment tribunal');
    expect(world.everyTable()).not.toContain('c16-mo');
  }, 30_000);

  it('is refused to anyone but the Monitoring Officer of the case’s council, and the refused case is purged on time', async () => {
    const world = await retentionWorld();
    const reference = await closedComplaint(world, 'council-2016', 'c16-member', 'c16-officer', 'not-mo');
    for (const person of ['c16-member', 'c16-co-housing', 'c16-ceo', 'rb-mo']) {
      const run = await world.cli(['case', 'hold', reference, '--by', person, '--reason', 'keep it']);
      expect(run).toEqual(expect.objectContaining({ code: 1, stderr: expect.stringContaining(`only the Monitoring Officer can place or lift a legal hold on ${reference}`) }));
    }
    await expect(world.complaints.placeLegalHold(reference, 'c16-co-housing', 'keep it')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect((await world.store.listAudit(reference)).filter((line) => line.action === 'refused:legal-hold').map((line) => line.actor)).toEqual([
      'c16-member',
      'c16-co-housing',
      'c16-ceo',
      'rb-mo',
      'c16-co-housing',
    ]);
    expect((await world.listed())[0]?.legalHoldSince).toBeNull();
    await world.passAt('2028-09-10T10:00:00Z');
    expect(await world.listed()).toEqual([]);
  }, 30_000);

  it('is refused to the Monitoring Officer when the complaint is about them', async () => {
    const world = await retentionWorld();
    const { reference } = await world.complaints.open({
      idempotencyKey: 'retention-about-mo',
      council: 'council-2016',
      complainant: { personId: 'c16-member', role: 'member' },
      subject: { personId: 'c16-mo' },
      description: 'The Monitoring Officer lobbied me about their own pay.',
    });
    await expect(world.complaints.placeLegalHold(reference, 'c16-mo', 'keep it')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect((await world.store.listAudit(reference)).at(-1)).toEqual(expect.objectContaining({ actor: 'c16-mo', action: 'refused:legal-hold', detail: 'the subject of the case' }));
  });

  it('tells the user what is wrong with the command line, naming the flag, and changes nothing', async () => {
    const world = await retentionWorld();
    const reference = await closedComplaint(world, 'council-2016', 'c16-member', 'c16-officer', 'usage');
    expect(await world.cli(['case', 'hold', reference, '--reason', 'x'])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringContaining('--by PERSON_ID') }));
    expect(await world.cli(['case', 'hold', reference, '--by', 'c16-mo'])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringContaining('--reason TEXT') }));
    expect(await world.cli(['case', 'hold', '--by', 'c16-mo', '--reason', 'x'])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringContaining('REFERENCE') }));
    expect(await world.cli(['case', 'hold', reference, '--by', 'c16-mo', '--reason', 'x', '--until', '2030'])).toEqual(
      expect.objectContaining({ code: 2, stderr: expect.stringContaining('--until') }),
    );
    expect(await world.cli(['case', 'freeze', reference])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringContaining('case hold|release') }));
    expect(await world.cli(['case', 'hold', 'C-NOSUCHCASE', '--by', 'c16-mo', '--reason', 'x'])).toEqual(
      expect.objectContaining({ code: 2, stderr: expect.stringContaining('there is no case C-NOSUCHCASE') }),
    );
    expect(await world.cli(['case', 'release', reference, '--by', 'c16-mo'])).toEqual(expect.objectContaining({ code: 1, stderr: expect.stringContaining(`${reference} is not under a legal hold`) }));
    expect((await world.store.listAudit(reference)).some((line) => line.action.startsWith('legal-hold'))).toBe(false);
    expect((await world.listed())[0]?.legalHoldSince).toBeNull();
  }, 30_000);
});

describe('cases nothing happens on', () => {
  it('a complaint left escalated at the last level closes by age, its people are told, and it is purged a retention period later', async () => {
    const world = await retentionWorld();
    const { complaints } = world;
    const { reference } = await complaints.open({
      idempotencyKey: 'retention-stuck',
      council: 'lydney',
      complainant: { personId: 'ly-member', role: 'member' },
      subject: { personId: 'ly-officer' },
      description: 'The assistant was rude to me at the parish meeting.',
    });
    expect(await complaints.act(reference, 'ly-member', 'escalate')).toBe('escalated');
    await expect(complaints.act(reference, 'ly-member', 'escalate')).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    // The scheduler marks it overdue once; then nothing more happens to it.
    await world.passAt('2026-09-21T10:00:00Z');
    await world.passAt('2028-09-18T10:00:00Z');
    expect(await world.listed()).toEqual([expect.objectContaining({ reference, state: 'escalated' })]);

    await world.passAt('2028-09-22T10:00:00Z');
    expect(await world.listed()).toEqual([expect.objectContaining({ reference, state: 'closed' })]);
    expect((await world.store.listAudit(reference)).at(-1)).toEqual(expect.objectContaining({ actor: 'system', action: 'closed-by-age' }));

    await world.passAt('2030-09-20T10:00:00Z');
    expect(await world.listed()).toEqual([expect.objectContaining({ reference, state: 'closed' })]);
    const told = world.delivered.filter((d) => d.n.kind === 'case-state-changed' && /nothing has happened on it for 730 days/.test(d.n.text));
    expect(told.map((d) => (d.to.kind === 'person' ? d.to.personId : 'hr')).sort()).toEqual(['ly-member', 'ly-personnel']);
    expect(world.delivered.some((d) => d.to.kind === 'hr' && d.n.reference === reference && /is now closed/.test(d.n.text))).toBe(true);
    await world.passAt('2030-09-23T10:00:00Z');
    expect(await world.listed()).toEqual([]);
    for (const person of ['ly-member', 'Cllr Ned Member', 'ly-officer', 'Kit Assistant', 'ly-personnel', 'ly-clerk']) expect(world.everyTable()).not.toContain(person);
    expect((await world.store.listAudit(reference)).map((line) => line.action)).toEqual(expect.arrayContaining(['opened', 'escalate', 'overdue', 'closed-by-age', 'purged']));
  }, 30_000);

  it('a case with messages still going is not closed by age, and a held one is not closed at all', async () => {
    const world = await retentionWorld();
    const talking = (
      await world.complaints.open({
        idempotencyKey: 'retention-talking',
        council: 'rushcliffe',
        complainant: { personId: 'rb-member', role: 'member' },
        subject: { personId: 'rb-officer' },
        description: 'Slow, but moving.',
      })
    ).reference;
    await world.complaints.act(talking, 'rb-director-neigh', 'acknowledge');
    const held = (
      await world.complaints.open({
        idempotencyKey: 'retention-held-open',
        council: 'council-2016',
        complainant: { personId: 'c16-member', role: 'member' },
        subject: { personId: 'c16-officer' },
        description: 'Kept for an inquiry.',
      })
    ).reference;
    await world.complaints.act(held, 'c16-co-housing', 'acknowledge');
    expect((await world.cli(['case', 'hold', held, '--by', 'c16-mo', '--reason', 'Ombudsman inquiry'])).code).toBe(0);
    world.clock.set('2028-06-01T10:00:00Z');
    await world.complaints.message(talking, 'rb-member', 'Any news?');
    await world.passAt('2028-09-10T10:00:00Z');
    const listed = await world.listed();
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ reference: talking, state: 'acknowledged' }), expect.objectContaining({ reference: held, state: 'acknowledged' })]));
  }, 30_000);

  it('a briefing request never decided closes by age too', async () => {
    const world = await retentionWorld('2027-01-12T10:00:00Z');
    const { reference } = await world.briefings.request({
      idempotencyKey: 'retention-briefing',
      council: 'rushcliffe',
      requester: { personId: 'rb-member' },
      group: 'Conservative',
      subject: 'The budget',
      format: 'attendance',
      meetingDate: '2027-02-01',
      nonCouncillorsPresent: false,
    });
    await world.passAt('2029-01-13T10:00:00Z');
    expect(await world.listed()).toEqual([expect.objectContaining({ reference, state: 'closed' })]);
    await world.passAt('2031-01-14T10:00:00Z');
    expect(await world.listed()).toEqual([]);
    expect(world.everyTable()).not.toContain('rb-member');
  }, 30_000);

  it('one case that cannot be read or worked on never stops the others', async () => {
    const world = await retentionWorld();
    const closed = await inTurn(['a', 'b', 'c'], (key) => closedComplaint(world, 'district-code', 'dc-member', 'dc-officer', `bad-${key}`));
    const stuck = await inTurn(
      ['d', 'e'],
      async (key) =>
        (
          await world.complaints.open({
            idempotencyKey: `retention-bad-${key}`,
            council: 'rushcliffe',
            complainant: { personId: 'rb-member', role: 'member' },
            subject: { personId: 'rb-officer' },
            description: 'Never answered.',
          })
        ).reference,
    );
    const [unreadable, brokenStuck] = [closed[1] as string, stuck[0] as string];
    world.db.prepare("UPDATE cases SET content_enc = 'v2.garbage', route_json = '{not json', parties_json = 'nope' WHERE reference = ?").run(unreadable);
    world.db.prepare("UPDATE cases SET route_json = '{not json' WHERE reference = ?").run(brokenStuck);
    await expect(world.complaints.view(unreadable, 'dc-member')).rejects.toThrow(expect.objectContaining({ code: 'case_unreadable' }));

    await world.passAt('2026-09-21T10:00:00Z');
    await world.passAt('2028-09-25T10:00:00Z');

    const listed = await world.listed();
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ reference: brokenStuck, state: 'submitted' }), expect.objectContaining({ reference: stuck[1], state: 'closed' })]));
    for (const reference of closed) expect((await world.store.listAudit(reference)).at(-1)?.action).toBe('purged');
    expect(world.everyTable()).not.toContain('dc-member');
    const logs = world.logLines.join('');
    expect(logs).toContain(brokenStuck);
    expect(logs).toMatch(/could not close this case by age; carrying on with the others/);
  }, 30_000);
});
