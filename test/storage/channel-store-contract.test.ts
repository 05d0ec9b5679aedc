import type { ChannelStore } from '../../src/storage/channel-store';
import { storageEngines, type EngineDatabase, type StorageEngine } from '../support/storage-engines';
import { unique } from '../support/store-records';

// A fresh PostgreSQL database takes a second or more to create and migrate on a busy machine.
jest.setTimeout(30_000);

/** The channel store's contract on every engine: votes, kept questions, remembered roles and Slack event claims. */
describe.each(storageEngines())('the $name channel store', (engine: StorageEngine) => {
  let database: EngineDatabase;
  let store: ChannelStore;

  beforeAll(async () => {
    database = await engine.open();
    store = database.stores.channelStore;
  });
  afterAll(() => database.dispose());

  it('counts not-helpful votes by council and topic, newest vote last seen', async () => {
    const council = unique('council');
    await store.recordFeedback({ channel: 'slack', council, intent: 'gifts', vote: 'not-helpful', at: '2026-03-01T09:00:00.000Z' });
    await store.recordFeedback({ channel: 'teams', council, intent: 'gifts', vote: 'not-helpful', at: '2026-03-02T09:00:00.000Z' });
    await store.recordFeedback({ channel: 'web', council, intent: 'gifts', vote: 'helpful', at: '2026-03-03T09:00:00.000Z' });
    await store.recordFeedback({ channel: 'web', council, intent: null, vote: 'not-helpful', at: '2026-03-03T09:00:00.000Z' });
    expect(await store.notHelpfulCounts(council)).toEqual([
      { council, intent: 'gifts', votes: 2, lastAt: '2026-03-02T09:00:00.000Z' },
      { council, intent: null, votes: 1, lastAt: '2026-03-03T09:00:00.000Z' },
    ]);
  });

  it('keeps unanswered questions newest first, and forgets those from before a time', async () => {
    const council = unique('council');
    const question = (text: string, at: string) => ({ council, role: 'member', outcome: 'declined' as const, intent: null, question: text, at });
    await store.recordUnanswered(question('old one', '2020-01-01T09:00:00.000Z'));
    await store.recordUnanswered(question('new one', '2026-03-02T09:00:00.000Z'));
    expect((await store.listUnanswered(council)).map((q) => q.question)).toEqual(['new one', 'old one']);
    expect(await store.forgetUnansweredBefore('2020-06-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
    expect(await store.listUnanswered(council)).toEqual([question('new one', '2026-03-02T09:00:00.000Z')]);
  });

  it('remembers the role a person gave, the latest answer winning', async () => {
    const person = unique('U');
    expect(await store.rememberedRole(person)).toBeUndefined();
    await store.rememberRole(person, 'member', '2026-03-02T09:00:00.000Z');
    await store.rememberRole(person, 'officer', '2026-03-02T10:00:00.000Z');
    expect(await store.rememberedRole(person)).toBe('officer');
  });

  it('claims an event once: in flight while its claim lives, handled once finished', async () => {
    const key = unique('event');
    expect(await store.claimEvent(key, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:55:00.000Z')).toBe('claimed');
    expect(await store.claimEvent(key, 'instance-a', '2026-03-02T09:00:01.000Z', '2026-03-02T08:55:01.000Z')).toBe('in-flight');
    await store.finishEvent(key);
    expect(await store.claimEvent(key, 'instance-a', '2026-03-02T09:00:02.000Z', '2026-03-02T08:55:02.000Z')).toBe('handled');
    expect(await store.claimEvent(key, 'instance-b', '2026-03-02T09:00:03.000Z', '2026-03-02T08:55:03.000Z')).toBe('handled');
  });

  it('hands a released event to the next claim, leaves another instance its live claim and takes over a stale one', async () => {
    const released = unique('event');
    await store.claimEvent(released, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:55:00.000Z');
    await store.releaseEvent(released);
    expect(await store.claimEvent(released, 'instance-a', '2026-03-02T09:00:01.000Z', '2026-03-02T08:55:01.000Z')).toBe('claimed');

    const stale = unique('event');
    await store.claimEvent(stale, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:55:00.000Z');
    expect(await store.claimEvent(stale, 'instance-a', '2026-03-02T09:10:00.000Z', '2026-03-02T09:05:00.000Z')).toBe('claimed');

    if (engine.name === 'SQLite') {
      // One instance serves the file: another owner's claim is from a process that stopped, taken over at once.
      const orphaned = unique('event');
      await store.claimEvent(orphaned, 'stopped-process', '2026-03-02T09:00:00.000Z', '2026-03-02T08:59:30.000Z');
      expect(await store.claimEvent(orphaned, 'instance-a', '2026-03-02T09:00:01.000Z', '2026-03-02T08:59:31.000Z')).toBe('claimed');
      expect(await store.claimEvent(orphaned, 'instance-a', '2026-03-02T09:00:02.000Z', '2026-03-02T08:59:32.000Z')).toBe('in-flight');
      return;
    }
    // Instances share the database: a retry reaching instance B while A is answering is left to A ...
    const shared = unique('event');
    await store.claimEvent(shared, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:59:30.000Z');
    expect(await store.claimEvent(shared, 'instance-b', '2026-03-02T09:00:01.000Z', '2026-03-02T08:59:31.000Z')).toBe('in-flight');
    // ... and once A's claim is stale (A stopped), B takes it over and holds it.
    expect(await store.claimEvent(shared, 'instance-b', '2026-03-02T09:01:00.000Z', '2026-03-02T09:00:30.000Z')).toBe('claimed');
    expect(await store.claimEvent(shared, 'instance-a', '2026-03-02T09:01:01.000Z', '2026-03-02T09:00:31.000Z')).toBe('in-flight');
  });

  it('gives one of many simultaneous claims of a new event to the claimer, the rest in flight', async () => {
    const key = unique('event');
    const results = await Promise.all(Array.from({ length: 6 }, () => store.claimEvent(key, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:55:00.000Z')));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in-flight')).toHaveLength(5);
  });

  it('forgets old events, so a key seen long ago is new again', async () => {
    const key = unique('event');
    await store.claimEvent(key, 'instance-a', '2020-01-01T09:00:00.000Z', '2020-01-01T08:55:00.000Z');
    await store.finishEvent(key);
    await store.forgetEventsBefore('2020-06-01T00:00:00.000Z');
    expect(await store.claimEvent(key, 'instance-a', '2026-03-02T09:00:00.000Z', '2026-03-02T08:55:00.000Z')).toBe('claimed');
  });

  it('holds a first question until it is taken, once; forgets held questions from before a time', async () => {
    const person = unique('U');
    await store.holdQuestion(person, 'first question', '2026-03-02T09:00:00.000Z');
    await store.holdQuestion(person, 'second question', '2026-03-02T09:01:00.000Z');
    const takes = await Promise.all([store.takeHeldQuestion(person), store.takeHeldQuestion(person)]);
    expect(takes.filter((q) => q !== undefined)).toEqual(['second question']);

    const forgotten = unique('U');
    await store.holdQuestion(forgotten, 'never answered', '2020-01-01T09:00:00.000Z');
    await store.forgetHeldQuestionsBefore('2020-06-01T00:00:00.000Z');
    expect(await store.takeHeldQuestion(forgotten)).toBeUndefined();
  });

  it('keeps the latest conversation reference of a person', async () => {
    const person = unique('U');
    expect(await store.conversationReference(person)).toBeUndefined();
    await store.saveConversationReference(person, '{"conversation":"one"}', '2026-03-02T09:00:00.000Z');
    await store.saveConversationReference(person, '{"conversation":"two"}', '2026-03-02T10:00:00.000Z');
    expect(await store.conversationReference(person)).toBe('{"conversation":"two"}');
  });
});
