import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectKnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { ParsedYamlCache } from '../../src/knowledge/parsed-yaml-cache';
import { formatKbProblem } from '../../src/knowledge/yaml-data-file';
import { copyKnowledgeBase, editYaml } from '../support/knowledge-base-fixture';

/** Every YAML file under a folder. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(full) : entry.name.endsWith('.yaml') ? [full] : [];
  });
}

/** Parses a knowledge base's YAML as `npm run build` does, into a fresh cache file, and loads it back. */
function cacheOf(dir: string): ParsedYamlCache {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parsed-yaml-')), 'parsed-yaml.json');
  const files = yamlFiles(dir);
  expect(
    ParsedYamlCache.save(
      file,
      files.map((f) => readFileSync(f, 'utf8')),
    ),
  ).toBe(files.length);
  const cache = ParsedYamlCache.load(file);
  if (!cache) throw new Error('the cache just saved could not be loaded');
  return cache;
}

describe('the knowledge base parsed at build time', () => {
  it('loads the same knowledge base as parsing the YAML does', async () => {
    const dir = copyKnowledgeBase();
    const fromCache = loadKnowledgeBase(dir, cacheOf(dir));
    const fromYaml = loadKnowledgeBase(dir);
    expect(fromCache.councilIds()).toEqual(fromYaml.councilIds());
    for (const id of fromYaml.councilIds()) expect(fromCache.council(id)).toEqual(fromYaml.council(id));
  });

  it('is what start-up reads for a file unchanged since the build', async () => {
    const dir = copyKnowledgeBase();
    const councilFile = path.join(dir, 'lydney', 'council.yaml');
    const text = readFileSync(councilFile, 'utf8');
    // A cache whose entry for this exact text says something the YAML does not: the loader must be reading it.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'parsed-yaml-')), 'parsed-yaml.json');
    ParsedYamlCache.save(file, [text]);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format: string; entries: Record<string, string> };
    const [hash, json] = Object.entries(stored.entries)[0] as [string, string];
    stored.entries[hash] = JSON.stringify({ ...(JSON.parse(json) as object), protocolTitle: 'Read from the build' });
    writeFileSync(file, JSON.stringify(stored));
    const kb = loadKnowledgeBase(dir, ParsedYamlCache.load(file));
    expect(kb.council('lydney').profile.protocolTitle).toBe('Read from the build');
    expect(loadKnowledgeBase(dir).council('lydney').profile.protocolTitle).not.toBe('Read from the build');
  });

  it('parses a file changed since the build, and names its mistake with file, field and line', async () => {
    const dir = copyKnowledgeBase();
    const cache = cacheOf(dir);
    editYaml(dir, 'rushcliffe/council.yaml', (data) => delete data.protocolTitle);
    const { knowledgeBase, problems } = inspectKnowledgeBase(dir, undefined, cache);
    expect(knowledgeBase).toBeNull();
    expect(problems.map(formatKbProblem)).toEqual([expect.stringMatching(/^protocol-data\/rushcliffe\/council\.yaml(:\d+)?: protocolTitle: missing field/)]);
  });

  it('still gives the line of a mistake in a file it read from the build', async () => {
    const dir = copyKnowledgeBase();
    editYaml(dir, 'lydney/topics.yaml', (data) => {
      const guidance = Object.values(data.topics).find((topic: any) => topic.covered) as { clauses: string[] };
      guidance.clauses[0] = '99.9';
    });
    const { problems } = inspectKnowledgeBase(dir, undefined, cacheOf(dir));
    expect(problems.map(formatKbProblem)).toEqual([expect.stringMatching(/^protocol-data\/lydney\/topics\.yaml:\d+: topics\.[a-z-]+\.clauses\[0\]: unknown clause "99\.9"$/)]);
  });

  it('is ignored when missing, damaged or written for another YAML parser', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'parsed-yaml-'));
    expect(ParsedYamlCache.load(path.join(folder, 'none.json'))).toBeNull();
    writeFileSync(path.join(folder, 'damaged.json'), '{"format": "yaml-');
    expect(ParsedYamlCache.load(path.join(folder, 'damaged.json'))).toBeNull();
    writeFileSync(path.join(folder, 'other.json'), JSON.stringify({ format: 'yaml-1.0.0-unique-keys-v1', entries: {} }));
    expect(ParsedYamlCache.load(path.join(folder, 'other.json'))).toBeNull();
  });

  it('leaves to start-up the files JSON cannot hold exactly, and those that do not parse', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'parsed-yaml-')), 'parsed-yaml.json');
    expect(ParsedYamlCache.save(file, ['limit: .inf\n', 'a: [unclosed\n', 'title: Protocol\nclauses: [1.1, "1.2"]\n'])).toBe(1);
    const cache = ParsedYamlCache.load(file) as ParsedYamlCache;
    expect(cache.valueOf('limit: .inf\n')).toBeUndefined();
    expect(cache.valueOf('title: Protocol\nclauses: [1.1, "1.2"]\n')).toEqual({ title: 'Protocol', clauses: [1.1, '1.2'] });
    expect(cache.valueOf('title: Protocol\nclauses: [1.1, "1.3"]\n')).toBeUndefined();
  });
});
