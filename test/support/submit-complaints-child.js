// Child process for the crash test: opens complaints in a loop and prints "ACK <n> <reference>" only after
// each open() has returned, which is the moment the bot would tell the person "received, reference C-…".
// Runs the compiled code (npm test builds first). Usage: node submit-complaints-child.js DATA_DIR START
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
const { englandAndWalesBankHolidays } = require(path.join(dist, 'workflows', 'deadlines', 'bank-holidays'));
const { createLogger } = require(path.join(dist, 'app', 'create-logger'));

const [dataDir, startText] = process.argv.slice(2);
const root = path.join(__dirname, '..', '..');
const service = new ComplaintService({
  store: new SqliteCaseStore(openDatabase(dataDir)),
  kb: loadKnowledgeBase(path.join(root, 'protocol-data')),
  directory: loadDirectory(path.join(root, 'config', 'directory.example.yaml')),
  cipher: aesGcmCipher(Buffer.alloc(32, 7)),
  clock: { now: () => new Date() },
  newReference: randomReference,
  holidays: englandAndWalesBankHolidays(),
  serviceStandardWorkingDays: 5,
  logger: createLogger('silent'),
});
for (let n = Number(startText); ; n += 1) {
  const receipt = service.open({
    idempotencyKey: `crash-test-${n}`,
    council: 'london-councils',
    complainant: { personId: 'lc-member', role: 'member' },
    subject: { role: 'officer', department: 'Services' },
    description: `Complaint number ${n} about how a request was handled.`,
  });
  writeSync(1, `ACK ${n} ${receipt.reference}\n`);
}
