import { createLogger } from '../../src/app/create-logger';
import { startServer, type RunningServer } from '../../src/app/start-server';
import { loadSettings } from '../../src/config/load-settings';
import { tempDataDir } from './temp-data-dir';

/** Starts the whole bot in-process on a free port with the given settings (silent logs, temp data folder). */
export async function startTestServer(env: Record<string, string>): Promise<RunningServer & { base: string }> {
  const settings = loadSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent', ...env });
  const running = await startServer(settings, createLogger(settings.LOG_LEVEL));
  return Object.assign(running, { base: `http://127.0.0.1:${running.port}` });
}
