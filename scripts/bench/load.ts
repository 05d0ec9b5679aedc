import autocannon from 'autocannon';

/** What one load run measured: successful responses per second and latency percentiles (ms). */
export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** How long the load ran. */
  seconds: number;
}

/** Connections the load generator keeps open: the floor is set at 32 people asking at once. */
export const CONNECTIONS = 32;

/** Runs autocannon (CONNECTIONS connections unless told) and keeps the figures the table shows. */
export async function runLoad(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  const seconds = Math.max(result.duration, 0.001);
  return {
    perSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
  };
}

/**
 * Several load runs against one server taken as one: responses per second over their whole time, the median of
 * their p50s and the highest of their p99s (autocannon reports percentiles, not the latencies to merge).
 */
export function combineLoads(runs: readonly LoadResult[]): LoadResult {
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const p50s = runs.map((run) => run.p50).sort((a, b) => a - b);
  const seconds = Math.max(
    sum((run) => run.seconds),
    0.001,
  );
  return {
    perSecond: sum((run) => run.ok) / seconds,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(0, ...runs.map((run) => run.p99)),
    ok: sum((run) => run.ok),
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    seconds,
  };
}
