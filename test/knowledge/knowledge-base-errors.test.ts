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
        if (data.routes[0].protocolSpeaks) data.routes[0].recipient.role = 'cheif-executive';
        else data.routes[0].fallback.role = 'cheif-executive';
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

describe('a points file with a mistake', () => {
  /** `etiquette kb check` over a copy of the knowledge base after one change to a council's points.yaml. */
  async function kbCheckAfter(council: string, change: (points: any[]) => void) {
    const dir = copyKnowledgeBase();
    editYaml(dir, `${council}/points.yaml`, (data) => change(data.points));
    const run = await runEtiquette(['kb', 'check', '--council', council], { KNOWLEDGE_BASE_DIR: dir });
    expect(run.code).toBe(1);
    return run.stderr;
  }

  it('fails kb check naming the file, the path and the unknown clause', async () => {
    const stderr = await kbCheckAfter('council-2016', (points) => {
      points[3].clauses = [points[3].clauses[0], '99.9'];
    });
    expect(stderr).toMatch(/protocol-data\/council-2016\/points\.yaml:\d+: points\[3\]\.clauses\[1\]: unknown clause "99\.9"/);
  });

  it('fails kb check naming a bad audience role', async () => {
    const stderr = await kbCheckAfter('lydney', (points) => {
      points[0].audience = 'councillor';
    });
    expect(stderr).toMatch(/protocol-data\/lydney\/points\.yaml:\d+: points\[0\]\.audience: .*"member".*"officer".*"both"/);
  });

  it('fails kb check naming a missing field', async () => {
    const stderr = await kbCheckAfter('rushcliffe', (points) => {
      delete points[2].questions;
    });
    expect(stderr).toMatch(/protocol-data\/rushcliffe\/points\.yaml:\d+: points\[2\]\.questions: missing field/);
  });

  it('fails kb check naming an officer wording missing for a point both roles ask', async () => {
    const stderr = await kbCheckAfter('london-councils', (points) => {
      const index = points.findIndex((point) => point.audience === 'both' && point.answers);
      delete points[index].answers.officer;
    });
    expect(stderr).toMatch(/protocol-data\/london-councils\/points\.yaml:\d+: points\[\d+\]\.answers\.officer: missing field/);
  });

  it('fails kb check naming an unknown topic and a repeated id', async () => {
    const stderr = await kbCheckAfter('district-code', (points) => {
      points[1].topic = 'parking-permits';
      points[5].id = points[4].id;
    });
    expect(stderr).toMatch(/district-code\/points\.yaml:\d+: points\[1\]\.topic: unknown topic "parking-permits"/);
    expect(stderr).toMatch(/district-code\/points\.yaml:\d+: points\[5\]\.id: duplicate point id "[a-z0-9-]+" \(first at points\[4\]\)/);
  });

  it('fails kb check when a substantive clause is in no point', async () => {
    const dir = copyKnowledgeBase();
    let dropped = '';
    editYaml(dir, 'lydney/points.yaml', (data) => {
      const citing = (id: string) => data.points.filter((point: any) => point.clauses.includes(id));
      // a clause only one point cites, and no item of it either, loses its coverage with that point
      const point = data.points.find(
        (candidate: any) => candidate.clauses.length === 1 && citing(candidate.clauses[0]).length === 1 && !JSON.stringify(data.points).includes(`"${candidate.clauses[0]}(`),
      );
      dropped = point.clauses[0];
      data.points = data.points.filter((candidate: any) => candidate !== point);
    });
    const run = await runEtiquette(['kb', 'check', '--council', 'lydney'], { KNOWLEDGE_BASE_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`lydney: clause "${dropped}" is substantive but no point in points.yaml rests on it`);
  });

  it('refuses to start with a points file that names no answer', () => {
    const dir = copyKnowledgeBase();
    editYaml(dir, 'council-2016/points.yaml', (data) => {
      const point = data.points.find((candidate: any) => candidate.answer !== undefined);
      delete point.answer;
    });
    expect(() => loadKnowledgeBase(dir)).toThrow(/council-2016\/points\.yaml:\d+: points\[\d+\]\.answer: missing field/);
  });
});
