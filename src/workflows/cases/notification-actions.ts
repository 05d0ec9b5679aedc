import type { Notification } from '../notifications';
import { isCaseActionId, offerActions, type CaseAction } from './case-action';

/**
 * The case actions of a notification, described for rendering: as composed when it was queued, or (for one
 * queued before descriptions were kept) from its action ids, with the first the primary. Ids that are not case
 * actions (`request-briefing` opens a form) are the channel's to render.
 */
export function notificationActions(notification: Notification): CaseAction[] {
  if (notification.offered) return notification.offered;
  const ids = notification.actions.filter(isCaseActionId);
  return offerActions(ids, 'other', ids.slice(0, 1));
}
