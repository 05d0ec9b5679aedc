import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

/** Headers of a Slack request signed with the test secret at `timestamp` (seconds). */
export function slackHeaders(body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** Posts a signed Slack request to the bot. */
export async function postSlack(base: string, body: string, contentType: string, headers: Record<string, string> = slackHeaders(body, contentType)): Promise<Response> {
  return fetch(`${base}/slack/events`, { method: 'POST', headers, body });
}

/** An Events API callback. */
export function eventCallback(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}

/** A slash command, form-encoded as Slack sends it. */
export function slashCommand(command: string, text: string, userId: string, responseUrl: string): string {
  return new URLSearchParams({
    command,
    text,
    user_id: userId,
    user_name: 'someone',
    team_id: 'T1',
    channel_id: 'D1',
    trigger_id: 'trigger-1',
    response_url: responseUrl,
    api_app_id: 'A1',
    token: 'x',
  }).toString();
}

/** An interactive payload (block action or view submission), form-encoded. */
export function interaction(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify({ team: { id: 'T1' }, api_app_id: 'A1', token: 'x', ...payload }) }).toString();
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A case button pressed in a DM notice at `ts` (its container, so the bot can update that message in place). */
export function caseButtonPress(user: string, action: string, reference: string, ts: string): string {
  return interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: `t-${ts}`,
    container: { type: 'message', channel_id: `D-${user}`, message_ts: ts },
    actions: [{ action_id: `case_${action}`, value: reference, type: 'button', block_id: 'b', action_ts: '1' }],
  });
}
