import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/built-entry-points';

// The manifest an admin pastes into "Create an app → From a manifest" must match what the listeners handle.
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'slack', 'manifest.json'), 'utf8'));
const listenerDir = path.join(ROOT, 'src', 'channels', 'slack', 'listeners');
const listenerSource = readdirSync(listenerDir)
  .map((file) => readFileSync(path.join(listenerDir, file), 'utf8'))
  .join('\n');

describe('slack/manifest.json', () => {
  it('declares every slash command the app handles, each sent to /slack/events', () => {
    const handled = [...listenerSource.matchAll(/app\.command\('([^']+)'/g)].map((m) => m[1]).sort();
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(declared).toEqual(handled);
    for (const command of manifest.features.slash_commands) expect(command.url).toMatch(/\/slack\/events$/);
  });

  it('subscribes to every event the app listens for, with the scopes they need', () => {
    const events = [...listenerSource.matchAll(/app\.event\('([^']+)'/g)].map((m) => m[1]);
    const subscribed: string[] = manifest.settings.event_subscriptions.bot_events;
    for (const event of events) expect(subscribed).toContain(event);
    expect(listenerSource).toMatch(/app\.message\(/);
    expect(subscribed).toContain('message.im'); // direct messages
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    for (const scope of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write']) expect(scopes).toContain(scope);
  });

  it('turns on interactivity (buttons, modals) and App Home at the same events URL', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toBe(manifest.settings.event_subscriptions.request_url);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
