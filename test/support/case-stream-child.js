// Child process for the crash tests (test/faults/crash-restart.test.ts). Runs the compiled code (npm test
// builds first). Every line it prints is written synchronously, after the work it reports has returned.
//
//   node case-stream-child.js submit DATA_DIR START
//     opens complaints (even n) and briefing requests (odd n) in a loop; prints "ACK <n> <reference>" once
//     open()/request() has returned: the moment the bot would tell the person "received, reference …".
//   node case-stream-child.js deadlines DATA_DIR ISO_INSTANT
//     prints "START", runs one pass of the complaint deadline job with the clock at ISO_INSTANT, then prints
//     "PASS <reminders> <escalations>".
const path = require('node:path');
const { writeSync } = require('node:fs');
const dist = path.join(__dirname, '..', '..', 'dist', 'src');
const { loadKnowledgeBase } = require(path.join(dist, 'knowledge', 'load-knowledge-base'));
const { loadDirectory } = require(path.join(dist, 'directory', 'load-directory'));
const { aesGcmCipher } = require(path.join(dist, 'security', 'content-cipher'));
const { openDatabase } = require(path.join(dist, 'storage', 'sqlite', 'open-database'));
const { SqliteCaseStore } = require(path.join(dist, 'storage', 'sqlite', 'sqlite-case-store'));
const { randomReference } = require(path.join(dist, 'workflows', 'case-reference'));
const { ComplaintService } = require(path.join(dist, 'workflows', 'complaints', 'complaint-service'));
const { BriefingService } = require(path.join(dist, 'workflows', 'briefings', 'briefing-service'));
const { runComplaintDeadlines } = require(path.join(dist, 'workflows', 'complaints', 'complaint-deadlines'));
const { englandAndWalesBankHolidays } = require(path.join(dist, 'workflows', 'deadlines', 'bank-holidays'));
const { createLogger } = require(path.join(dist, 'app', 'create-logger'));

/** Submissions happen at a fixed instant, so every complaint has the same acknowledgement deadline. */
const SUBMITTED_AT = '2026-08-27T10:00:00Z';

const [mode, dataDir, arg] = process.argv.slice(2);
const root = path.join(__dirname, '..', '..');
const now = mode === 'deadlines' ? new Date(arg) : new Date(SUBMITTED_AT);
const deps = {
  store: new SqliteCaseStore(openDatabase(dataDir)),
  kb: loadKnowledgeBase(path.join(root, 'protocol-data')),
  directory: loadDirectory(path.join(root, 'config', 'directory.example.yaml')),
  cipher: aesGcmCipher(Buffer.alloc(32, 7)),
  clock: { now: () => new Date(now) },
  newReference: randomReference,
  holidays: englandAndWalesBankHolidays(),
  serviceStandardWorkingDays: 5,
  logger: createLogger('silent'),
};
const complaints = new ComplaintService(deps);
const briefings = new BriefingService(deps);

/** Runs the mode asked for; the store is asynchronous, so each step is awaited before the next. */
async function main() {
  if (mode === 'deadlines') {
    writeSync(1, 'START\n');
    const pass = await runComplaintDeadlines(deps);
    writeSync(1, `PASS ${pass.reminders.length} ${pass.escalations.length + pass.overdue.length}\n`);
    return;
  }
  for (let n = Number(arg); ; n += 1) {
    const receipt =
      n % 2 === 0
        ? await complaints.open({
            idempotencyKey: `crash-test-${n}`,
            council: 'london-councils',
            complainant: { personId: 'lc-member', role: 'member' },
            subject: { personId: 'lc-officer-2' },
            description: `Complaint number ${n} about how a request was handled.`,
          })
        : await briefings.request({
            idempotencyKey: `crash-test-${n}`,
            council: 'council-2016',
            requester: { personId: 'c16-member' },
            group: 'Labour',
            subject: `Briefing number ${n} on the housing allocations policy`,
            format: 'attendance',
            meetingDate: '2027-01-26',
            nonCouncillorsPresent: false,
            department: 'Housing',
          });
    writeSync(1, `ACK ${n} ${receipt.reference}\n`);
  }
}

main().catch((error) => {
  writeSync(2, `${error && error.code ? error.code : 'internal_error'}\n`);
  process.exitCode = 1;
});
