import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/** Turns a timestamp the SDK expects as a Date from the JSON string it arrives as (what CloudAdapter.process does). */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * CloudAdapter with request handling that reports failures to its caller. The SDK's own `process` prints every
 * failure with its stack on the console (about 500 bytes a refused request) and answers with the SDK's own words
 * ("Invalid character in header content", token library messages) and a 500; here the caller decides what is
 * said and logged.
 */
export class RequestAdapter extends CloudAdapter {
  /** Authenticates and runs one activity; throws the SDK's error (AuthenticationError for a refused token). */
  async handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}
