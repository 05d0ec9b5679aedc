import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { benchComplaintService } from './bench-complaint-service';

/** Who complains about whom, at one council of the example directory. */
export interface ComplaintShape {
  council: string;
  complainant: { personId: string; role: 'member' | 'officer' };
  subject: { personId: string };
}

/**
 * A member about an officer and an officer about a group leader at each council: every one routes to a handler
 * and queues two notifications (the handler's and HR's).
 */
export const COMPLAINT_SHAPES: readonly ComplaintShape[] = [
  ['london-councils', 'lc-member', 'member', 'lc-officer-2'],
  ['london-councils', 'lc-officer', 'officer', 'lc-group-leader'],
  ['council-2016', 'c16-member', 'member', 'c16-officer'],
  ['council-2016', 'c16-officer', 'officer', 'c16-other-leader'],
  ['district-code', 'dc-member', 'member', 'dc-officer'],
  ['district-code', 'dc-officer', 'officer', 'dc-other-leader'],
  ['rushcliffe', 'rb-member', 'member', 'rb-officer'],
  ['rushcliffe', 'rb-officer', 'officer', 'rb-other-leader'],
  ['lydney', 'ly-member', 'member', 'ly-officer'],
  ['lydney', 'ly-officer', 'officer', 'ly-other-leader'],
].map(([council, personId, role, subject]) => ({ council, complainant: { personId, role }, subject: { personId: subject } }) as ComplaintShape);

/** The shapes at one council. */
export function shapesAt(council: string): ComplaintShape[] {
  return COMPLAINT_SHAPES.filter((shape) => shape.council === council);
}

/** What seeding left in the database. */
export interface SeededCases {
  cases: number;
  seconds: number;
  /** Notifications waiting in the outbox, how many different recipients they are for, and the most any one has. */
  pendingNotifications: number;
  recipients: number;
  busiestRecipient: number;
}

/**
 * Files `count` complaints into DATA_DIR `dataDir` through the real ComplaintService (validated, routed, sealed
 * with `key`, each with its audit line and notifications), cycling through `shapes`. Seeding turns off SQLite's
 * fsync for this one connection (synchronous = OFF): the rows are the service's own, only their arrival is not
 * made durable one by one. The server then opens the database as it always does.
 */
export async function seedComplaints(
  dataDir: string,
  key: Buffer,
  count: number,
  shapes: readonly ComplaintShape[] = COMPLAINT_SHAPES,
  options: { notificationsSent?: boolean } = {},
): Promise<SeededCases> {
  const db = openDatabase(dataDir);
  try {
    db.pragma('synchronous = OFF');
    const service = benchComplaintService(db, key);
    const started = performance.now();
    for (let i = 0; i < count; i += 1) {
      const shape = shapes[i % shapes.length] as ComplaintShape;
      await service.open({ idempotencyKey: `seeded-case-${i}`, ...shape, description: `Seeded complaint ${i}: five emails about the grants round have had no reply since the spring.` });
    }
    const seconds = (performance.now() - started) / 1000;
    // A database that has been in use: its notifications went out long ago, so the bot has no backlog to send.
    if (options.notificationsSent) db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE sent_at IS NULL').run(new Date().toISOString());
    const pending = db.prepare('SELECT recipient_json AS recipientJson FROM outbox WHERE sent_at IS NULL').all() as Array<{ recipientJson: string }>;
    const perRecipient = new Map<string, number>();
    for (const item of pending) perRecipient.set(item.recipientJson, (perRecipient.get(item.recipientJson) ?? 0) + 1);
    return { cases: count, seconds, pendingNotifications: pending.length, recipients: perRecipient.size, busiestRecipient: Math.max(0, ...perRecipient.values()) };
  } finally {
    db.close();
  }
}
