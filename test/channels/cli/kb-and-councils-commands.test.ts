import { runEtiquette } from '../../support/cli-harness';
import { CONTRACT_COUNCILS } from '../../support/knowledge-base-fixture';

describe('etiquette councils', () => {
  it('lists the five councils with their protocol titles and clause counts as JSON', async () => {
    const run = await runEtiquette(['councils', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ id: string; protocolTitle: string; clauseCount: number }>;
    expect(rows.map((row) => row.id).sort()).toEqual(CONTRACT_COUNCILS);
    for (const row of rows) {
      expect(row.protocolTitle.length).toBeGreaterThan(0);
      expect(row.clauseCount).toBeGreaterThan(20);
    }
  });

  it('prints one readable line per council without --json', async () => {
    const run = await runEtiquette(['councils']);
    expect(run.stdout.trim().split('\n')).toHaveLength(5);
    expect(run.stdout).toMatch(/Lydney Town Council/);
  });

  it('rejects an unknown flag with exit code 2 and a one-line message', async () => {
    const run = await runEtiquette(['councils', '--jsn']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--jsn/);
  });
});

describe('etiquette kb check', () => {
  it('passes on the project knowledge base and prints coverage for every council', async () => {
    const run = await runEtiquette(['kb', 'check']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const id of CONTRACT_COUNCILS) expect(run.stdout).toMatch(new RegExp(`^${id} .*\\(100%\\)`, 'm'));
  });

  it('checks one council on request, and names an unknown one', async () => {
    expect((await runEtiquette(['kb', 'check', '--council', 'lydney'])).code).toBe(0);
    const run = await runEtiquette(['kb', 'check', '--council', 'atlantis']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no council folder "atlantis"/);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const run = await runEtiquette(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
