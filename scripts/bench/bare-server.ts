import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// The baseline for `npm run bench`: a bare Node HTTP server that reads the request body and returns a fixed
// JSON answer, so the ratio shows what the bot's own work costs. `npm run bench` gives it, in BARE_ANSWER_FILE,
// a real answer of the bot's median size recorded in the same run, so both send as many bytes per answer (bytes
// on the wire cost as much as the answering: a 4 KB answer halves a bare server's throughput). Run as a child
// process.

const SHORT_ANSWER = JSON.stringify({
  id: null,
  council: 'london-councils',
  role: 'member',
  intent: 'complaint-about-officer',
  confidence: 0.93,
  outOfScope: false,
  text: 'Raise it first with the officer’s Director. If you are not satisfied with the outcome, go to the Chief Executive.'.repeat(4),
  citations: [
    {
      council: 'london-councils',
      section: '13',
      title: 'Complaints and criticism',
      quote: 'Members should not raise matters relating to the conduct or capability of an officer in public.'.repeat(2),
    },
  ],
  alternatives: [{ intent: 'complaint-about-member', confidence: 0.04 }],
});
const ANSWER = process.env.BARE_ANSWER_FILE ? readFileSync(process.env.BARE_ANSWER_FILE, 'utf8') : SHORT_ANSWER;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(ANSWER)) });
    res.end(ANSWER);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
