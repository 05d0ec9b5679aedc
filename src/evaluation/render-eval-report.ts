import type { CrossValidation } from './cross-validate';
import type { AnswerEvaluation } from './evaluate-answers';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Ten confidence buckets with how many answers in each were right and wrong. */
export function confidenceHistogram(evaluation: AnswerEvaluation): Array<{ from: number; right: number; wrong: number }> {
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, right: 0, wrong: 0 }));
  for (const o of evaluation.outcomes) {
    const bucket = buckets[Math.min(9, Math.floor(o.confidence * 10))];
    if (!bucket) continue;
    if (o.topicRight) bucket.right += 1;
    else bucket.wrong += 1;
  }
  return buckets;
}

/** The console summary, in the spirit of `rasa test nlu`. */
export function renderEvalText(evaluation: AnswerEvaluation, cv: CrossValidation): string {
  const lines = [
    `held-out questions:        ${evaluation.questions}`,
    `topic accuracy:            ${pct(evaluation.topicAccuracy)}`,
    `answer accuracy:           ${pct(evaluation.answerAccuracy)}   (right topic and every expected clause cited)`,
    `out-of-scope recall:       ${pct(evaluation.outOfScopeRecall)}   (${evaluation.outOfScopeQuestions} questions)`,
    `false abstentions:         ${pct(evaluation.falseAbstentionRate)}`,
    `${cv.folds}-fold CV over intents/: ${pct(cv.accuracy)}   (folds: ${cv.perFold.map(pct).join(', ')})`,
    '',
    'topic                                   support  precision  recall  f1',
    ...evaluation.perTopic.map((t) => `${t.topic.padEnd(40)}${String(t.support).padStart(7)}  ${t.precision.toFixed(2).padStart(9)}  ${t.recall.toFixed(2).padStart(6)}  ${t.f1.toFixed(2)}`),
    '',
    'most confused (expected -> predicted):',
    ...evaluation.confusedPairs.slice(0, 10).map((p) => `  ${p.count} x ${p.expected} -> ${p.predicted}`),
    '',
    'confidence histogram (right / wrong):',
    ...confidenceHistogram(evaluation).map((b) => `  ${b.from.toFixed(1)}-${(b.from + 0.1).toFixed(1)}  ${'#'.repeat(b.right)}${b.wrong ? ` ${'x'.repeat(b.wrong)}` : ''}`),
  ];
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** A self-contained HTML page: headline figures, per-topic table, confusions and the confidence histogram. */
export function renderEvalHtml(evaluation: AnswerEvaluation, cv: CrossValidation, generatedAt: string): string {
  const buckets = confidenceHistogram(evaluation);
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.right, b.wrong)));
  const bars = buckets
    .map((b, i) => {
      const x = 50 + i * 60;
      const hr = (b.right / max) * 200;
      const hw = (b.wrong / max) * 200;
      return (
        `<rect x="${x}" y="${230 - hr}" width="24" height="${hr}" fill="#2a7d4f"><title>${b.right} right</title></rect>` +
        `<rect x="${x + 26}" y="${230 - hw}" width="24" height="${hw}" fill="#c0392b"><title>${b.wrong} wrong</title></rect>` +
        `<text x="${x + 25}" y="248" font-size="11" text-anchor="middle">${b.from.toFixed(1)}</text>`
      );
    })
    .join('');
  const wrong = evaluation.outcomes.filter((o) => !o.citationsRight);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intent classification report</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
.figure{font-size:1.6rem;font-weight:600}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem}</style></head>
<body><h1>Intent classification report</h1><p>Generated ${escapeHtml(generatedAt)} by <code>npm run eval</code>.</p>
<div class="grid">
<div><div class="figure">${pct(evaluation.answerAccuracy)}</div>answer accuracy (${evaluation.questions} held-out questions)</div>
<div><div class="figure">${pct(evaluation.topicAccuracy)}</div>topic accuracy</div>
<div><div class="figure">${pct(evaluation.outOfScopeRecall)}</div>out-of-scope recall (${evaluation.outOfScopeQuestions})</div>
<div><div class="figure">${pct(cv.accuracy)}</div>${cv.folds}-fold cross-validation over intents/</div>
</div>
<h2>Confidence of right and wrong answers</h2>
<svg role="img" aria-label="Histogram of confidence: green right answers, red wrong answers" viewBox="0 0 660 260" width="100%">
<line x1="45" y1="230" x2="650" y2="230" stroke="#888"/>${bars}</svg>
<p><span style="color:#2a7d4f">■</span> right <span style="color:#c0392b">■</span> wrong, by confidence bucket.</p>
<h2>Per topic</h2><table><tr><th>topic</th><th>support</th><th>precision</th><th>recall</th><th>F1</th></tr>
${evaluation.perTopic.map((t) => `<tr><td>${t.topic}</td><td>${t.support}</td><td>${t.precision.toFixed(2)}</td><td>${t.recall.toFixed(2)}</td><td>${t.f1.toFixed(2)}</td></tr>`).join('\n')}
</table>
<h2>Most confused pairs</h2><table><tr><th>expected</th><th>predicted</th><th>count</th></tr>
${evaluation.confusedPairs
  .slice(0, 15)
  .map((p) => `<tr><td>${p.expected}</td><td>${p.predicted}</td><td>${p.count}</td></tr>`)
  .join('\n')}
</table>
<h2>Wrong answers</h2><table><tr><th>id</th><th>question</th><th>expected</th><th>predicted</th><th>missing clauses</th></tr>
${wrong.map((o) => `<tr><td>${o.id}</td><td>${escapeHtml(o.question)}</td><td>${o.expected}</td><td>${o.predicted} (${o.confidence.toFixed(2)})</td><td>${o.missingClauses.join(', ')}</td></tr>`).join('\n')}
</table>
<h2>Out-of-scope questions not declined</h2><ul>
${evaluation.outOfScopeOutcomes
  .filter((o) => !o.declined)
  .map((o) => `<li>${escapeHtml(o.question)} → ${o.predicted} (${o.confidence.toFixed(2)})</li>`)
  .join('\n')}
</ul></body></html>
`;
}
