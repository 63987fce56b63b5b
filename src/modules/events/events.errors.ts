import { invalidCursor } from '../../lib/platform.errors.js';

export const unknownEvent = (id: string) =>
  invalidCursor(`No event '${id}' in your organization.`, {
    path: 'after',
    code: 'not_found',
    message: 'pass the id of an event you received',
  });
