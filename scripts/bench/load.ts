import autocannon from 'autocannon';

/** What one load run measured: successful responses per second and latency percentiles (ms). */
export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon (10 connections unless told) and keeps the figures the table shows. */
export async function runLoad(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 10, ...options });
  const seconds = Math.max(result.duration, 0.001);
  return {
    perSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
