import { runEtiquette } from '../../support/cli-harness';
import { startTestServer } from '../../support/test-server';
import { tempDataDir } from '../../support/temp-data-dir';
import { withCsrf } from '../../support/web-csrf';

describe('etiquette unanswered', () => {
  it('lists what the bot declined, grouped and counted, with not-helpful votes, and never what it answered', async () => {
    const dataDir = tempDataDir();
    const bot = await startTestServer({ DATA_DIR: dataDir, COUNCIL: 'lydney' });
    bot.jobs.stop();
    const ask = (question: string) =>
      fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ council: 'lydney', role: 'member', question }) }).then(
        (r) => r.json() as Promise<{ outOfScope: boolean }>,
      );
    expect((await ask('When is my green bin collected?')).outOfScope).toBe(true);
    expect((await ask('when is my  GREEN bin collected')).outOfScope).toBe(true);
    expect((await ask('who do I complain to about the town clerk?')).outOfScope).toBe(false);
    await fetch(`${bot.base}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withCsrf() },
      body: JSON.stringify({ council: 'lydney', intent: 'confidentiality', vote: 'not-helpful' }),
    });
    await bot.stop();

    const run = await runEtiquette(['unanswered', '--council', 'lydney', '--json'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { questions: Array<{ question: string; count: number; outcome: string }>; notHelpful: Array<{ intent: string; votes: number }> };
    expect(listed.questions).toEqual([expect.objectContaining({ count: 2, outcome: 'declined', question: expect.stringMatching(/green bin/i) })]);
    expect(JSON.stringify(listed)).not.toContain('town clerk');
    expect(listed.notHelpful).toEqual([expect.objectContaining({ intent: 'confidentiality', votes: 1 })]);

    const text = await runEtiquette(['unanswered'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(text.stdout).toMatch(/^\s+2\s+declined\s+lydney\s+when is my green bin collected/im);
    expect((await runEtiquette(['unanswered', '--council', 'atlantis'], { DATA_DIR: dataDir })).code).toBe(2);
  }, 30_000);
});
