import { inspectKnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { formatKbProblem } from '../../src/knowledge/yaml-data-file';
import { runEtiquette } from '../support/cli-harness';
import { copyKnowledgeBase, editFile, editYaml } from '../support/knowledge-base-fixture';

/** The problems found in a copy of the knowledge base after one deliberate mistake. */
function problemsAfter(mistake: (dir: string) => void): { dir: string; lines: string[] } {
  const dir = copyKnowledgeBase();
  mistake(dir);
  const { knowledgeBase, problems } = inspectKnowledgeBase(dir);
  expect(knowledgeBase).toBeNull();
  return { dir, lines: problems.map(formatKbProblem) };
}

describe('a knowledge base with a mistake', () => {
  it('names the file, path and unknown clause id', () => {
    const { lines } = problemsAfter((dir) =>
      editYaml(dir, 'lydney/topics.yaml', (data) => {
        const guidance = Object.values(data.topics).find((topic: any) => topic.covered) as { clauses: string[] };
        guidance.clauses[0] = '99.9';
      }),
    );
    expect(lines).toEqual([expect.stringMatching(/^protocol-data\/lydney\/topics\.yaml:\d+: topics\.[a-z-]+\.clauses\[0\]: unknown clause "99\.9"$/)]);
  });

  it('names a missing field', () => {
    const { lines } = problemsAfter((dir) => editYaml(dir, 'rushcliffe/council.yaml', (data) => delete data.protocolTitle));
    expect(lines).toEqual([expect.stringMatching(/^protocol-data\/rushcliffe\/council\.yaml(:\d+)?: protocolTitle: missing field/)]);
  });

  it('names a role the council does not define', () => {
    const { lines } = problemsAfter((dir) =>
      editYaml(dir, 'london-councils/complaint-routes.yaml', (data) => {
        data.routes[0].protocolSpeaks ? (data.routes[0].recipient.role = 'cheif-executive') : (data.routes[0].fallback.role = 'cheif-executive');
      }),
    );
    expect(lines).toEqual([expect.stringMatching(/^protocol-data\/london-councils\/complaint-routes\.yaml:\d+: routes\[0\]\.(recipient|fallback): unknown role "cheif-executive"/)]);
  });

  it('names a misquoted clause', () => {
    const { lines } = problemsAfter((dir) =>
      editYaml(dir, 'council-2016/clauses.yaml', (data) => {
        const clause = data.clauses.find((c: any) => c.id === '8.4');
        clause.text = clause.text.replace('junior officer', 'senior officer');
      }),
    );
    expect(lines).toEqual([expect.stringMatching(/council-2016\/clauses\.yaml:\d+: clauses\[\d+\]\.text: text of clause "8\.4" is not word for word/)]);
  });

  it('names a YAML syntax error with its line', () => {
    const { lines } = problemsAfter((dir) => editFile(dir, 'district-code/briefing-rules.yaml', /^requestTo:/m, 'requestTo: [unclosed\nx:'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^protocol-data\/district-code\/briefing-rules\.yaml:\d+: not valid YAML/);
  });

  it('refuses to load, so the server cannot start half-configured', () => {
    const dir = copyKnowledgeBase();
    editYaml(dir, 'lydney/council.yaml', (data) => delete data.roles.chair);
    expect(() => loadKnowledgeBase(dir)).toThrow(/lydney\/council\.yaml.*canonical role "chair"/s);
  });

  it('fails `etiquette kb check` with exit code 1 and the problem on stderr', async () => {
    const dir = copyKnowledgeBase();
    editYaml(dir, 'lydney/topics.yaml', (data) => delete data.topics.scrutiny);
    const run = await runEtiquette(['kb', 'check'], { KNOWLEDGE_BASE_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/lydney\/topics\.yaml.*missing topic "scrutiny"/);
  });
});
