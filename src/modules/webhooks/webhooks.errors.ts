import { AppError, defineErrors } from '../../lib/problem.js';
import type { TargetRefusal } from './webhook-targets.js';

export const WEBHOOK_ERRORS = defineErrors({
  webhook_url_refused: {
    status: 400,
    description:
      'The endpoint URL is not one webhooks may be sent to: it must be https (plain http only to hosts the operator ' +
      'allows), carry no credentials, resolve, and not point at this API, a private, loopback, link-local or cloud ' +
      'metadata address. `errors[0].code` says which rule. Nothing was changed.',
  },
  webhook_endpoint_disabled: {
    status: 409,
    description:
      'The endpoint is disabled, so nothing is sent to it: enable it (PATCH `enabled: true`) and redeliver. Nothing ' +
      'was queued.',
  },
});

export const endpointDisabled = (id: string) =>
  new AppError(WEBHOOK_ERRORS.webhook_endpoint_disabled, `Webhook endpoint ${id} is disabled; enable it first.`);

export const urlRefused = (reason: TargetRefusal, message: string) =>
  new AppError(WEBHOOK_ERRORS.webhook_url_refused, `The webhook URL is refused: ${message}.`, {
    errors: [{ path: 'url', code: reason, message }],
  });
