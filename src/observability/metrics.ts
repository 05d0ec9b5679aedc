/** A monotonically increasing count, optionally split by one label. */
class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly label?: string,
  ) {}
  inc(labelValue = '', by = 1): void {
    this.values.set(labelValue, (this.values.get(labelValue) ?? 0) + by);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0 && !this.label) lines.push(`${this.name} 0`);
    for (const [value, count] of this.values) lines.push(this.label ? `${this.name}{${this.label}="${escapeLabel(value)}"} ${count}` : `${this.name} ${count}`);
    return lines;
  }
}

/** A distribution of durations in seconds over fixed buckets. */
class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }
  observe(seconds: number): void {
    this.sum += seconds;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i += 1) {
      if (seconds <= (this.buckets[i] as number)) this.counts[i] = (this.counts[i] as number) + 1;
    }
  }
  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
      ...this.buckets.map((bound, i) => `${this.name}_bucket{le="${bound}"} ${this.counts[i] ?? 0}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    ];
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A gauge read when scraped (cases by state, overdue cases), split by one label. */
export interface GaugeSource {
  name: string;
  help: string;
  label?: string;
  read(): Promise<Array<{ labelValue?: string; value: number }>>;
}

/** The bot's metrics, rendered in Prometheus text format at `GET /metrics`. */
export class Metrics {
  readonly questions = new Counter('etiquette_questions_total', 'Questions answered, by topic', 'topic');
  readonly abstentions = new Counter('etiquette_abstentions_total', 'Questions the bot declined as out of scope');
  readonly answerLatency = new Histogram('etiquette_answer_latency_seconds', 'Time to answer a question', [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]);
  readonly feedback = new Counter('etiquette_feedback_total', 'Helpful / not helpful votes', 'vote');
  private readonly gauges: GaugeSource[] = [];

  /** Adds a gauge read at scrape time. */
  addGauge(source: GaugeSource): void {
    this.gauges.push(source);
  }

  /** Records one answered question. */
  recordAnswer(topic: string | null, outOfScope: boolean, seconds: number): void {
    this.answerLatency.observe(seconds);
    if (outOfScope) this.abstentions.inc();
    else this.questions.inc(topic ?? 'unknown');
  }

  /** The exposition text (gauges read now, one after another). */
  async render(): Promise<string> {
    const lines = [...this.questions.render(), ...this.abstentions.render(), ...this.answerLatency.render(), ...this.feedback.render()];
    for (const gauge of this.gauges) {
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
      for (const { labelValue, value } of await gauge.read()) {
        lines.push(gauge.label && labelValue !== undefined ? `${gauge.name}{${gauge.label}="${escapeLabel(labelValue)}"} ${value}` : `${gauge.name} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
