import type { CaseStore } from '../../src/storage/case-store';
import { storageEngines, type EngineDatabase, type StorageEngine } from '../support/storage-engines';
import { caseRecord, notification, unique } from '../support/store-records';

// The engine's own errors are checked by their message, not `toThrow`: better-sqlite3's native binding keeps the
// error class of the first test file a jest worker loads it in, so later files see errors of another realm.
// A fresh PostgreSQL database takes a second or more to create and migrate on a busy machine.
jest.setTimeout(30_000);

/** The case store's contract, the same on every engine: what the workflows rely on when they read and write cases. */
describe.each(storageEngines())('the $name case store', (engine: StorageEngine) => {
  let database: EngineDatabase;
  let store: CaseStore;

  beforeAll(async () => {
    database = await engine.open();
    store = database.stores.caseStore;
  });
  afterAll(() => database.dispose());

  /** A database of its own, for tests of the outbox (a claim takes every due notification in the database). */
  async function withOwnDatabase(test: (own: EngineDatabase) => Promise<void>): Promise<void> {
    const own = await engine.open();
    try {
      await test(own);
    } finally {
      await own.dispose();
    }
  }

  it('keeps a case as inserted, found by reference and by idempotency key', async () => {
    const record = caseRecord({ escalationLevel: 2, subjectPersonId: 'lc-officer' });
    await store.insertCase(record);
    expect(await store.getCase(record.reference)).toEqual(expect.objectContaining(record));
    expect(await store.findByIdempotencyKey(record.idempotencyKey)).toEqual(expect.objectContaining({ reference: record.reference, escalationLevel: 2 }));
    expect(await store.getCase(unique('C'))).toBeUndefined();
    expect(await store.findByIdempotencyKey(unique('key'))).toBeUndefined();
  });

  it('refuses a second case with the same idempotency key, keeping the first', async () => {
    const first = caseRecord();
    await store.insertCase(first);
    await expect(store.insertCase(caseRecord({ idempotencyKey: first.idempotencyKey }))).rejects.toHaveProperty('message');
    expect((await store.listCases({ council: first.council })).map((c) => c.reference)).toEqual([first.reference]);
  });

  it('updates a case only from the state the caller expects: a stale update is refused and changes nothing', async () => {
    const record = caseRecord();
    await store.insertCase(record);
    expect(await store.updateCase(record.reference, 'submitted', { state: 'acknowledged', updatedAt: '2026-03-03T10:00:00.000Z' })).toBe(true);
    expect(await store.updateCase(record.reference, 'submitted', { state: 'withdrawn', closedAt: '2026-03-03T11:00:00.000Z' })).toBe(false);
    expect(await store.getCase(record.reference)).toEqual(expect.objectContaining({ state: 'acknowledged', updatedAt: '2026-03-03T10:00:00.000Z', closedAt: null }));
  });

  it('lets exactly one of two simultaneous updates from the same state win', async () => {
    const record = caseRecord();
    await store.insertCase(record);
    const results = await Promise.all([store.updateCase(record.reference, 'submitted', { state: 'acknowledged' }), store.updateCase(record.reference, 'submitted', { state: 'withdrawn' })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getCase(record.reference))?.state).toBe(results[0] ? 'acknowledged' : 'withdrawn');
  });

  it('lists cases by council, kind and state, and by the people on them', async () => {
    const council = unique('council');
    const person = unique('member');
    const a = caseRecord({ council, openedBy: person, createdAt: '2026-03-01T09:00:00.000Z' });
    const b = caseRecord({ council, kind: 'briefing', state: 'requested', assignedTo: person, createdAt: '2026-03-02T09:00:00.000Z' });
    const c = caseRecord({ council, state: 'acknowledged', createdAt: '2026-03-03T09:00:00.000Z' });
    for (const record of [a, b, c]) await store.insertCase(record);
    expect((await store.listCases({ council })).map((r) => r.reference)).toEqual([a.reference, b.reference, c.reference]);
    expect((await store.listCases({ council, kind: 'complaint', state: 'submitted' })).map((r) => r.reference)).toEqual([a.reference]);
    expect((await store.listCasesByPerson(person)).map((r) => r.reference)).toEqual([b.reference, a.reference]);
  });

  it('counts cases by kind and state, and the open ones past their deadline', async () => {
    const before = await store.countByKindAndState();
    const overdueBefore = await store.countOverdue('2026-03-10');
    await store.insertCase(caseRecord({ state: 'escalated', ackDeadline: '2026-03-09' }));
    await store.insertCase(caseRecord({ state: 'acknowledged', ackDeadline: '2026-03-09' }));
    await store.insertCase(caseRecord({ state: 'submitted', ackDeadline: '2026-03-10' }));
    const count = (rows: Array<{ kind: string; state: string; count: number }>, state: string) => rows.find((r) => r.kind === 'complaint' && r.state === state)?.count ?? 0;
    const after = await store.countByKindAndState();
    expect(count(after, 'escalated') - count(before, 'escalated')).toBe(1);
    expect(count(after, 'acknowledged') - count(before, 'acknowledged')).toBe(1);
    expect(count(after, 'submitted') - count(before, 'submitted')).toBe(1);
    expect((await store.countOverdue('2026-03-10')) - overdueBefore).toBe(1);
  });

  it('keeps a case’s messages in order, and deletes (and scrubs) them with the case', async () => {
    const record = caseRecord();
    await store.insertCase(record);
    await store.insertMessage({ reference: record.reference, authorId: record.openedBy, authorParty: 'complainant', bodyEnc: 'v1:first', createdAt: '2026-03-02T10:00:00.000Z' });
    await store.insertMessage({ reference: record.reference, authorId: record.handlerId, authorParty: 'handler', bodyEnc: 'v1:second', createdAt: '2026-03-02T11:00:00.000Z' });
    const messages = await store.listMessages(record.reference);
    expect(messages.map((m) => [m.authorParty, m.bodyEnc])).toEqual([
      ['complainant', 'v1:first'],
      ['handler', 'v1:second'],
    ]);
    expect(typeof messages[0]?.id).toBe('number');
    await store.deleteCase(record.reference);
    await store.scrubDeleted();
    expect(await store.getCase(record.reference)).toBeUndefined();
    expect(await store.listMessages(record.reference)).toEqual([]);
  });

  it('places and lifts a legal hold, and says when there is no such case', async () => {
    const record = caseRecord();
    await store.insertCase(record);
    expect(await store.setLegalHold(record.reference, { by: 'mo', at: '2026-03-04T09:00:00.000Z', reason: 'litigation' })).toBe(true);
    expect(await store.getCase(record.reference)).toEqual(expect.objectContaining({ legalHoldBy: 'mo', legalHoldReason: 'litigation' }));
    expect(await store.setLegalHold(record.reference, null)).toBe(true);
    expect((await store.getCase(record.reference))?.legalHoldAt).toBeNull();
    expect(await store.setLegalHold(unique('C'), null)).toBe(false);
  });

  it('keeps the audit log append-only: the database itself refuses to change or delete a line', async () => {
    const reference = unique('C');
    await store.appendAudit({ reference, actor: 'lc-member', action: 'opened', detail: 'routed', at: '2026-03-02T09:00:00.000Z' });
    await store.appendAudit({ reference, actor: 'lc-mo', action: 'read', detail: 'as handler', at: '2026-03-02T10:00:00.000Z' });
    expect((await store.listAudit(reference)).map((line) => line.action)).toEqual(['opened', 'read']);
    await expect(database.execRaw(`UPDATE audit_log SET actor = 'someone-else' WHERE reference = '${reference}'`)).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    await expect(database.execRaw(`DELETE FROM audit_log WHERE reference = '${reference}'`)).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    expect((await store.listAudit(reference)).map((line) => line.actor)).toEqual(['lc-member', 'lc-mo']);
  });

  it('pseudonymises the lines of a purged case once, and no line of a live case', async () => {
    const live = caseRecord();
    await store.insertCase(live);
    await store.appendAudit({ reference: live.reference, actor: live.openedBy, action: 'opened', detail: 'routed', at: '2026-03-02T09:00:00.000Z' });
    const [liveLine] = await store.listAudit(live.reference);
    await expect(store.pseudonymiseAuditLine(liveLine!.id!, 'purged:complainant', 'removed at purge')).rejects.toHaveProperty('message');

    await store.deleteCase(live.reference);
    await store.appendAudit({ reference: live.reference, actor: 'system', action: 'purged', detail: 'complaint closed', at: '2026-09-02T09:00:00.000Z' });
    await store.pseudonymiseAuditLine(liveLine!.id!, 'purged:complainant', 'removed at purge');
    await expect(store.pseudonymiseAuditLine(liveLine!.id!, 'purged:person', 'removed at purge')).rejects.toHaveProperty('message');
    const purgeLine = (await store.listAudit(live.reference)).find((line) => line.action === 'purged');
    await expect(store.pseudonymiseAuditLine(purgeLine!.id!, 'purged:person', 'removed at purge')).rejects.toHaveProperty('message');
    expect((await store.listAudit(live.reference)).map((line) => [line.actor, line.action, line.detail])).toEqual([
      ['purged:complainant', 'opened', 'removed at purge'],
      ['system', 'purged', 'complaint closed'],
    ]);
  });

  it('runs a transaction’s writes together: a throw inside leaves none of them, and the error comes out as thrown', async () => {
    const record = caseRecord();
    const failure = new Error('the routing changed its mind');
    await expect(
      store.transaction(async (tx) => {
        await tx.insertCase(record);
        await tx.appendAudit({ reference: record.reference, actor: record.openedBy, action: 'opened', detail: '', at: record.createdAt });
        await tx.enqueue(notification(record.reference));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await store.getCase(record.reference)).toBeUndefined();
    expect(await store.listAudit(record.reference)).toEqual([]);
  });

  it('commits a transaction’s writes and returns its result; a nested transaction is part of it', async () => {
    const record = caseRecord();
    const result = await store.transaction(async (tx) => {
      await tx.insertCase(record);
      await tx.transaction(async (inner) => inner.appendAudit({ reference: record.reference, actor: record.openedBy, action: 'opened', detail: '', at: record.createdAt }));
      return (await tx.getCase(record.reference))?.state;
    });
    expect(result).toBe('submitted');
    expect(await store.getCase(record.reference)).toEqual(expect.objectContaining({ reference: record.reference }));
    expect(await store.listAudit(record.reference)).toHaveLength(1);

    const undone = caseRecord();
    await expect(
      store.transaction(async (tx) => {
        await tx.transaction(async (inner) => inner.insertCase(undone));
        throw new Error('after the nested part');
      }),
    ).rejects.toThrow('after the nested part');
    expect(await store.getCase(undone.reference)).toBeUndefined();
  });

  it('makes one case from several simultaneous submissions with one idempotency key (find, else insert, in a transaction)', async () => {
    const key = unique('key');
    const council = unique('council');
    // Each waits, after finding nothing, until all have looked (or a moment has passed, on an engine that runs
    // transactions one at a time), so their inserts truly race.
    let looked = 0;
    const allLooked = () =>
      new Promise<void>((resolve) => {
        const started = Date.now();
        const poll = () => (looked >= 3 || Date.now() - started > 300 ? resolve() : setTimeout(poll, 5));
        poll();
      });
    const submit = (record = caseRecord({ idempotencyKey: key, council })) =>
      store.transaction(async (tx) => {
        const raced = await tx.findByIdempotencyKey(key);
        if (raced) return raced.reference;
        looked += 1;
        await allLooked();
        await tx.insertCase(record);
        await tx.appendAudit({ reference: record.reference, actor: record.openedBy, action: 'opened', detail: '', at: record.createdAt });
        return record.reference;
      });
    const references = await Promise.all([submit(), submit(), submit()]);
    expect(new Set(references).size).toBe(1);
    expect(await store.listCases({ council })).toHaveLength(1);
    expect(await store.listAudit(references[0])).toHaveLength(1);
  });

  it('ignores a second notification with the same dedupe key', async () => {
    await withOwnDatabase(async (own) => {
      const outbox = own.stores.caseStore;
      const item = notification('C-1');
      await outbox.enqueue(item);
      await outbox.enqueue({ ...item, payloadJson: '{"second":true}' });
      const claimed = await outbox.claimOutbox('2026-03-02T09:00:00.000Z', 10, '2026-03-02T09:05:00.000Z');
      expect(claimed).toEqual([expect.objectContaining({ dedupeKey: item.dedupeKey, payloadJson: '{}', attempts: 0, sentAt: null, deliveredVia: '' })]);
    });
  });

  it('claims due notifications oldest first, up to the limit; a claimed one comes back only when its lease ends', async () => {
    await withOwnDatabase(async (own) => {
      const outbox = own.stores.caseStore;
      for (const n of [1, 2, 3]) await outbox.enqueue(notification('C-1', { dedupeKey: `n${n}` }));
      await outbox.enqueue(notification('C-1', { dedupeKey: 'later', nextAttemptAt: '2026-03-02T12:00:00.000Z' }));
      const first = await outbox.claimOutbox('2026-03-02T09:00:00.000Z', 2, '2026-03-02T09:05:00.000Z');
      expect(first.map((item) => item.dedupeKey)).toEqual(['n1', 'n2']);
      expect((await outbox.claimOutbox('2026-03-02T09:01:00.000Z', 10, '2026-03-02T09:06:00.000Z')).map((item) => item.dedupeKey)).toEqual(['n3']);
      expect(await outbox.claimOutbox('2026-03-02T09:02:00.000Z', 10, '2026-03-02T09:07:00.000Z')).toEqual([]);
      expect((await outbox.claimOutbox('2026-03-02T09:05:00.000Z', 10, '2026-03-02T09:10:00.000Z')).map((item) => item.dedupeKey)).toEqual(['n1', 'n2']);
    });
  });

  it('never claims one notification twice when two instances claim at once', async () => {
    await withOwnDatabase(async (own) => {
      const other = (await own.openAnother()).caseStore;
      const mine = own.stores.caseStore;
      for (let n = 0; n < 60; n += 1) await mine.enqueue(notification('C-1', { dedupeKey: `n${n}` }));
      const claims: string[] = [];
      const drain = async (store: CaseStore) => {
        for (;;) {
          const batch = await store.claimOutbox('2026-03-02T09:00:00.000Z', 7, '2026-03-02T10:00:00.000Z');
          if (batch.length === 0) return;
          claims.push(...batch.map((item) => item.dedupeKey));
        }
      };
      await Promise.all([drain(mine), drain(other), drain(mine), drain(other)]);
      expect(claims).toHaveLength(60);
      expect(new Set(claims).size).toBe(60);
    });
  });

  it('records sends, failures and the channels that delivered: a sent one is never claimed again, a failed one at its next attempt', async () => {
    await withOwnDatabase(async (own) => {
      const outbox = own.stores.caseStore;
      await outbox.enqueue(notification('C-1', { dedupeKey: 'sent' }));
      await outbox.enqueue(notification('C-1', { dedupeKey: 'failed' }));
      const [sent, failed] = await outbox.claimOutbox('2026-03-02T09:00:00.000Z', 10, '2026-03-02T09:05:00.000Z');
      await outbox.markOutboxDeliveredVia(sent!.id!, 'slack');
      await outbox.markOutboxSent(sent!.id!, '2026-03-02T09:00:01.000Z');
      await outbox.markOutboxDeliveredVia(failed!.id!, 'slack');
      await outbox.markOutboxFailed(failed!.id!, 'teams: 503', '2026-03-02T09:30:00.000Z');
      expect(await outbox.claimOutbox('2026-03-02T09:29:00.000Z', 10, '2026-03-02T09:35:00.000Z')).toEqual([]);
      const retried = await outbox.claimOutbox('2026-03-02T09:30:00.000Z', 10, '2026-03-02T09:35:00.000Z');
      expect(retried).toEqual([expect.objectContaining({ dedupeKey: 'failed', attempts: 1, lastError: 'teams: 503', deliveredVia: 'slack', sentAt: null })]);
      expect(await outbox.claimOutbox('2026-03-03T09:00:00.000Z', 10, '2026-03-03T09:05:00.000Z')).toEqual([expect.objectContaining({ dedupeKey: 'failed' })]);
    });
  });

  it('gives back a claim not tried after all: due again at once, attempts unchanged; a sent one stays sent', async () => {
    await withOwnDatabase(async (own) => {
      const outbox = own.stores.caseStore;
      await outbox.enqueue(notification('C-1', { dedupeKey: 'untried' }));
      await outbox.enqueue(notification('C-1', { dedupeKey: 'sent' }));
      const [untried, sent] = await outbox.claimOutbox('2026-03-02T09:00:00.000Z', 10, '2026-03-02T09:05:00.000Z');
      await outbox.markOutboxSent(sent!.id!, '2026-03-02T09:00:01.000Z');
      await outbox.releaseOutboxClaims([untried!.id!, sent!.id!], '2026-03-02T09:00:00.000Z');
      expect(await outbox.claimOutbox('2026-03-02T09:00:02.000Z', 10, '2026-03-02T09:05:02.000Z')).toEqual([expect.objectContaining({ dedupeKey: 'untried', attempts: 0, lastError: null })]);
    });
  });

  it('deletes every notification about a case, sent or not', async () => {
    await withOwnDatabase(async (own) => {
      const outbox = own.stores.caseStore;
      await outbox.enqueue(notification('C-GONE'));
      await outbox.enqueue(notification('C-GONE'));
      await outbox.enqueue(notification('C-KEPT', { dedupeKey: 'kept' }));
      expect(await outbox.deleteOutboxFor('C-GONE')).toBe(2);
      expect((await outbox.claimOutbox('2026-03-02T09:00:00.000Z', 10, '2026-03-02T09:05:00.000Z')).map((item) => item.dedupeKey)).toEqual(['kept']);
    });
  });

  it('declares, replaces and clears pre-election periods', async () => {
    const council = unique('council');
    await store.declarePreElectionPeriod({ council, startsOn: '2026-04-01', endsOn: '2026-05-07', declaredBy: 'admin', declaredAt: '2026-03-01T09:00:00.000Z' });
    await store.declarePreElectionPeriod({ council, startsOn: '2026-04-01', endsOn: '2026-05-08', declaredBy: 'admin2', declaredAt: '2026-03-02T09:00:00.000Z' });
    expect(await store.listPreElectionPeriods(council)).toEqual([{ council, startsOn: '2026-04-01', endsOn: '2026-05-08', declaredBy: 'admin2', declaredAt: '2026-03-02T09:00:00.000Z' }]);
    await store.clearPreElectionPeriods(council);
    expect(await store.listPreElectionPeriods(council)).toEqual([]);
  });

  it('keeps its own settings (meta values), overwriting on a second set', async () => {
    const key = unique('setting');
    expect(await store.metaValue(key)).toBeUndefined();
    await store.setMetaValue(key, 'first');
    await store.setMetaValue(key, 'second');
    expect(await store.metaValue(key)).toBe('second');
  });

  it('passes its writable check while it can take a case', async () => {
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });
});
