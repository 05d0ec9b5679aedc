import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run (never a browser downloaded by Playwright). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. In CI they must: a missing Chromium fails the run rather than skipping it.
 * Elsewhere a missing browser skips them with a message saying how to install it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
  process.stderr.write(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)\n`);
  return false;
}

/** Launches headless Chromium (a fresh temporary profile) with the flags these machines need: no sandbox as root, no background network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
