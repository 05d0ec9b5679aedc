import Database from 'better-sqlite3';
import { sqliteOf } from '../support/sqlite-of';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../src/app/start-server';
import { DATABASE_FILE } from '../../src/storage/sqlite/open-database';
import { startTestServer } from '../support/test-server';
import { withCsrf } from '../support/web-csrf';

type Server = RunningServer & { base: string };

/** Signs in through the development sign-in and returns the cookie to send. */
async function signIn(bot: Server, personId = 'lc-member'): Promise<string> {
  const response = await fetch(`${bot.base}/api/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...withCsrf() },
    body: JSON.stringify({ council: 'london-councils', personId }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const complaint = (bot: Server, cookie: string, key: string) =>
  fetch(`${bot.base}/api/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...withCsrf(cookie) },
    body: JSON.stringify({ idempotencyKey: key, about: 'lc-officer-2', description: 'The officer has not answered five emails about the grants round.' }),
  });

/** A request and how long its answer took, in milliseconds. */
async function timed(request: Promise<Response>): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const response = await request;
  const body = await response.json();
  return { status: response.status, body, ms: performance.now() - started };
}

/** Mounts a tmpfs of `size` at a new folder, or returns null where this machine does not allow mounting. */
function tinyDisk(size: string): string | null {
  const folder = mkdtempSync(path.join(tmpdir(), 'etiquette-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder], { stdio: 'ignore' });
    return folder;
  } catch {
    rmSync(folder, { recursive: true, force: true });
    return null;
  }
}

/** Writes zeros into `file` until the disk refuses (ENOSPC). */
function fillDisk(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(64 * 1024 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

describe('readiness tells the truth about writing cases', () => {
  it('is 503 disk_full when the disk is below its free-space floor (STORAGE_MIN_FREE_BYTES), and answers at once', async () => {
    // A floor no disk here meets: the same path a nearly full disk takes, on any machine.
    const bot = await startTestServer({ STORAGE_MIN_FREE_BYTES: String(2 ** 52) });
    try {
      const ready = await timed(fetch(`${bot.base}/readyz`));
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not ready', reason: 'disk_full', database: expect.stringMatching(/disk is full/) });
      expect(ready.ms).toBeLessThan(500);
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('is 503 disk_full on a really full disk (a 2 MB tmpfs, where this machine allows mounting), and ready again once there is room', async () => {
    const disk = tinyDisk('2M');
    if (disk === null) {
      // Mounting needs root; the floor test above covers the same path through the setting.
      console.warn('skipped: cannot mount a tmpfs here');
      return;
    }
    let bot: Server | undefined;
    try {
      bot = await startTestServer({ DATA_DIR: disk, WEB_DEV_SIGN_IN: 'true', STORAGE_MIN_FREE_BYTES: '65536' });
      const cookie = await signIn(bot);
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      fillDisk(path.join(disk, 'filler'));

      const ready = await timed(fetch(`${bot.base}/readyz`));
      expect(ready).toMatchObject({ status: 503, body: { reason: 'disk_full' } });
      expect(ready.ms).toBeLessThan(500);
      const refused = await complaint(bot, cookie, 'full-disk-1');
      expect(refused.status).toBe(503);
      expect(JSON.stringify(await refused.json())).not.toMatch(/SQLITE|ENOSPC/);

      rmSync(path.join(disk, 'filler'));
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      expect((await complaint(bot, cookie, 'full-disk-1')).status).toBe(201);
    } finally {
      await bot?.stop();
      execFileSync('umount', ['-l', disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('a write lock held by another process', () => {
  let bot: Server;
  let cookie = '';
  let other: Database.Database;
  const dataDir = () => sqliteOf(bot.built.workflows).name;

  beforeAll(async () => {
    bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', SQLITE_BUSY_TIMEOUT_MS: '100' });
    bot.jobs.stop();
    cookie = await signIn(bot);
    // Another connection to the same file, as a second process (a backup, the CLI) would have.
    other = new Database(dataDir());
    expect(path.basename(dataDir())).toBe(DATABASE_FILE);
  }, 30_000);
  afterAll(async () => {
    other.close();
    await bot.stop();
  });

  it('refuses that one submission with a clear storage_busy, while questions and health answer at once; after the lock, it is taken once', async () => {
    other.exec('BEGIN IMMEDIATE');
    let submission: Promise<{ status: number; body: unknown; ms: number }>;
    try {
      submission = timed(complaint(bot, cookie, 'busy-submission-1'));
      // While the submission waits out the lock on timers, the rest of the server goes on.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [health, answer, ready] = await Promise.all([
        timed(fetch(`${bot.base}/healthz`)),
        timed(fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'who do I complain to about the chief executive?' }) })),
        timed(fetch(`${bot.base}/readyz`)),
      ]);
      expect(health.status).toBe(200);
      expect(answer.status).toBe(200);
      expect(health.ms).toBeLessThan(400);
      expect(answer.ms).toBeLessThan(400);
      expect(ready).toMatchObject({ status: 503, body: { reason: 'storage_busy' } });

      const refused = await submission;
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'storage_busy', message: expect.stringMatching(/try again in a moment/) } });
      expect(JSON.stringify(refused.body)).not.toMatch(/SQLITE/);
      // Tried a few times on timers, then refused: well under the old five-second freeze.
      expect(refused.ms).toBeLessThan(2_500);
    } finally {
      other.exec('ROLLBACK');
    }
    const taken = await complaint(bot, cookie, 'busy-submission-1');
    expect(taken.status).toBe(201);
    expect((await complaint(bot, cookie, 'busy-submission-1')).status).toBe(200);
    const mine = (await (await fetch(`${bot.base}/api/cases`, { headers: { cookie } })).json()) as { cases: Array<{ reference: string }> };
    expect(mine.cases).toHaveLength(1);
  }, 15_000);

  it('answers every question promptly while a submission waits on the lock, and the submission alone gets the 503', async () => {
    other.exec('BEGIN IMMEDIATE');
    try {
      const submission = timed(complaint(bot, cookie, 'busy-submission-3'));
      const ask = () =>
        timed(fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'can I copy a councillor email to another group?' }) }));
      // One after another while the submission waits on its timers: none waits for the lock, or for the submission.
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await ask());
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(250);
      }
      const refused = await submission;
      expect(refused).toMatchObject({ status: 503, body: { error: { code: 'storage_busy' } } });
      expect(refused.ms).toBeGreaterThan(Math.max(...answers.map((a) => a.ms)));
    } finally {
      other.exec('ROLLBACK');
    }
    // Nothing of the refused submission was kept: the same form, sent again, opens the case now.
    expect((await complaint(bot, cookie, 'busy-submission-3')).status).toBe(201);
  }, 15_000);

  it('takes a submission whose lock is released while it waits, once, with no error', async () => {
    other.exec('BEGIN IMMEDIATE');
    const submission = complaint(bot, cookie, 'busy-submission-2');
    await new Promise((resolve) => setTimeout(resolve, 150));
    other.exec('ROLLBACK');
    const response = await submission;
    expect(response.status).toBe(201);
    const body = (await response.json()) as { reference: string };
    const mine = (await (await fetch(`${bot.base}/api/cases`, { headers: { cookie } })).json()) as { cases: Array<{ reference: string }> };
    expect(mine.cases.filter((c) => c.reference === body.reference)).toHaveLength(1);
  }, 15_000);
});
