import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { intentCorpusFingerprint, loadIntentCorpus, type IntentExamples } from '../../src/nlu/intent-corpus';
import { loadOrTrainClassifier } from '../../src/nlu/load-classifier';
import { understand } from '../../src/nlu/understanding';
import { ROOT } from '../support/built-entry-points';

const corpus: IntentExamples[] = [
  {
    intent: 'pre-election-period',
    kind: 'topic',
    utterances: [
      'purdah rules for officers',
      'what changes in the pre-election period',
      'can I issue a press release during purdah',
      'election period restrictions on councillors',
      'rules before the local elections',
    ],
  },
  {
    intent: 'correspondence-and-copying',
    kind: 'topic',
    utterances: ['can I forward a councillor email', 'copying letters to another member', 'cc a councillor into correspondence', 'forwarding emails between parties', 'who can I copy a letter to'],
  },
  {
    intent: 'out-of-scope',
    kind: 'out-of-scope',
    utterances: ['when are the bins collected', 'reset my password', 'how much annual leave do I have', 'what is the weather today', 'tell me a joke', 'pay my council tax'],
  },
];

describe('the intent classifier', () => {
  const classifier = IntentClassifier.train(corpus, 'test');

  it('ranks every intent with probabilities that sum to 1', async () => {
    const ranked = classifier.rank('can I forward an email from a councillor?');
    expect(ranked[0]?.intent).toBe('correspondence-and-copying');
    expect(ranked.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 6);
    for (const r of ranked) expect(r.confidence).toBeGreaterThanOrEqual(0);
  });

  it('survives a typo and a different spelling of councillor', async () => {
    expect(classifier.rank('can i forwrd a councilor emial')[0]?.intent).toBe('correspondence-and-copying');
    expect(classifier.rank('PURDAH?')[0]?.intent).toBe('pre-election-period');
  });

  it('abstains on what it learnt is out of scope, and on words it has never seen', async () => {
    expect(understand(classifier, 'when do the bins get collected?').outOfScope).toBe(true);
    expect(understand(classifier, 'zxq vbnm plokij').outOfScope).toBe(true);
  });

  it('gives the same ranking after a save and reload', async () => {
    const reloaded = IntentClassifier.deserialise(JSON.parse(JSON.stringify(classifier.serialise())));
    const question = 'copying a letter during purdah';
    const a = classifier.rank(question);
    const b = reloaded.rank(question);
    expect(b.map((r) => r.intent)).toEqual(a.map((r) => r.intent));
    b.forEach((r, i) => expect(r.confidence).toBeCloseTo(a[i]?.confidence ?? 0, 3));
  });

  it('trains deterministically', async () => {
    const again = IntentClassifier.train(corpus, 'test');
    expect(again.rank('rules before the election')).toEqual(classifier.rank('rules before the election'));
  });
});

describe('the model cache', () => {
  it('reuses the cached model until intents/ changes, then retrains', async () => {
    const intents = path.join(mkdtempSync(path.join(tmpdir(), 'intents-')), 'intents');
    cpSync(path.join(ROOT, 'intents'), intents, { recursive: true });
    const cache = mkdtempSync(path.join(tmpdir(), 'model-cache-'));
    const first = loadOrTrainClassifier(intents, cache);
    const second = loadOrTrainClassifier(intents, cache);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.classifier.rank('purdah rules')[0]?.intent).toBe(first.classifier.rank('purdah rules')[0]?.intent);

    writeFileSync(path.join(intents, 'greeting.yaml'), 'intent: greeting\nkind: conversation\nutterances: [hi, hello, hiya, good morning, hey there]\n');
    writeFileSync(path.join(cache, 'complaints.db'), 'not a model');
    const third = loadOrTrainClassifier(intents, cache);
    expect(third.fromCache).toBe(false);
    expect(third.classifier.fingerprint).not.toBe(first.classifier.fingerprint);
    // only the model for intents/ as they are now is kept; other files in the folder are left alone
    expect(readdirSync(cache).sort()).toEqual(['complaints.db', path.basename(third.cacheFile as string)]);
  });

  it('finds a cached model by hashing intents/, and still reports a broken file rather than using an older model', async () => {
    const intents = path.join(mkdtempSync(path.join(tmpdir(), 'intents-')), 'intents');
    cpSync(path.join(ROOT, 'intents'), intents, { recursive: true });
    expect(intentCorpusFingerprint(intents)).toBe(loadIntentCorpus(intents).fingerprint);
    const cache = mkdtempSync(path.join(tmpdir(), 'model-cache-'));
    loadOrTrainClassifier(intents, cache);
    writeFileSync(path.join(intents, 'greeting.yaml'), 'intent: greeting\nkind: conversation\nutterances: [hi, hello\n');
    expect(() => loadOrTrainClassifier(intents, cache)).toThrow(/intents\/greeting\.yaml: not valid YAML/);
  });

  const int32Base64 = (values: Int32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
  const int32sOf = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64');
    return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };

  it.each([
    ['too few feature ids', (saved: { ids: string; offsets: string }) => (saved.ids = int32Base64(new Int32Array([1, 2, 3])))],
    [
      'offsets that fall back',
      (saved: { ids: string; offsets: string }) => {
        const offsets = int32sOf(saved.offsets);
        [offsets[5], offsets[6]] = [offsets[6] as number, offsets[5] as number];
        saved.offsets = int32Base64(offsets);
      },
    ],
  ])('refuses a cached model whose saved neighbour features have %s, and retrains', (_, corrupt) => {
    const intents = path.join(mkdtempSync(path.join(tmpdir(), 'intents-')), 'intents');
    cpSync(path.join(ROOT, 'intents'), intents, { recursive: true });
    const cache = mkdtempSync(path.join(tmpdir(), 'model-cache-'));
    const first = loadOrTrainClassifier(intents, cache);
    const file = path.join(cache, readdirSync(cache)[0] as string);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { neighbourFeatures: { ids: string; offsets: string } };
    corrupt(saved.neighbourFeatures);
    writeFileSync(file, JSON.stringify(saved));

    const again = loadOrTrainClassifier(intents, cache);
    expect(again.fromCache).toBe(false);
    expect(again.classifier.rank('copying a letter during purdah')).toEqual(first.classifier.rank('copying a letter during purdah'));
  });
});
