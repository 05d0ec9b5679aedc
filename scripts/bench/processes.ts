import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server started as a child process, and how long it took to answer its readiness URL. */
export interface ChildServer {
  proc: ChildProcess;
  base: string;
  readyMs: number;
}

/**
 * Spawns `node script` with `env` on a free port and polls `readyPath` every 5 ms until it answers 200; the time
 * counts from just before the spawn, so it includes loading Node, the modules, the knowledge base and the model.
 */
export async function startChild(script: string, env: Record<string, string>, readyPath: string, timeoutMs = 30_000): Promise<ChildServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stderr = '';
  const started = performance.now();
  const proc = spawn(process.execPath, [script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}: ${stderr}`);
    if (performance.now() - started > timeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`${script} was not ready within ${timeoutMs} ms: ${stderr}`);
    }
    try {
      const response = await fetch(`${base}${readyPath}`);
      if (response.status === 200) return { proc, base, readyMs: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Stops a child server and waits for it to exit. */
export async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process in MB (Linux /proc), or NaN where that is not available. */
export function rssMb(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
