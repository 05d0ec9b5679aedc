import { createServer } from 'node:http';

// The baseline for `npm run bench`: a bare Node HTTP server that reads the request body and returns a fixed
// JSON answer of about the bot's size, so the ratio shows what the bot's own work costs. Run as a child process.

const ANSWER = JSON.stringify({
  id: null,
  council: 'london-councils',
  role: 'member',
  intent: 'complaint-about-officer',
  confidence: 0.93,
  outOfScope: false,
  text: 'Raise it first with the officer’s Director. If you are not satisfied with the outcome, go to the Chief Executive.'.repeat(4),
  citations: [{ council: 'london-councils', section: '13', title: 'Complaints and criticism', quote: 'Members should not raise matters relating to the conduct or capability of an officer in public.'.repeat(2) }],
  alternatives: [{ intent: 'complaint-about-member', confidence: 0.04 }],
});

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(ANSWER)) });
    res.end(ANSWER);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
