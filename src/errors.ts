import { PLATFORM_ERRORS } from './lib/platform.errors.js';
import { ACKNOWLEDGMENT_ERRORS } from './modules/acknowledgments/acknowledgments.errors.js';
import type { ErrorSpec } from './lib/problem.js';
import { AUTH_ERRORS } from './modules/auth/auth.errors.js';
import { CLAIM_ERRORS } from './modules/claims/claims.errors.js';
import { CODE_ERRORS } from './modules/codes/codes.errors.js';
import { IDEMPOTENCY_ERRORS } from './modules/idempotency/idempotency.errors.js';
import { INTAKE_ERRORS } from './modules/intake/intake.errors.js';
import { PATIENT_ERRORS } from './modules/patients/patients.errors.js';
import { PAYMENT_ERRORS } from './modules/payments/payments.errors.js';
import { PROVIDER_ERRORS } from './modules/providers/providers.errors.js';
import { REMITTANCE_ERRORS } from './modules/remittances/remittances.errors.js';
import { SUBMISSION_ERRORS } from './modules/submissions/submissions.errors.js';
import { X12_UPLOAD_ERRORS } from './modules/submissions/x12-files.errors.js';
import { WEBHOOK_ERRORS } from './modules/webhooks/webhooks.errors.js';

/**
 * The error registry: every error the API answers with, gathered from the modules' `*.errors.ts`. The OpenAPI
 * document publishes the codes as the `Problem.code` enum with their meanings, so SDKs can switch on them; a
 * test checks that every `*.errors.ts` is gathered here and that no code is declared twice.
 */
const GROUPS: Record<string, Record<string, ErrorSpec>> = {
  platform: PLATFORM_ERRORS,
  auth: AUTH_ERRORS,
  idempotency: IDEMPOTENCY_ERRORS,
  patients: PATIENT_ERRORS,
  providers: PROVIDER_ERRORS,
  codes: CODE_ERRORS,
  intake: INTAKE_ERRORS,
  claims: CLAIM_ERRORS,
  submissions: SUBMISSION_ERRORS,
  acknowledgments: ACKNOWLEDGMENT_ERRORS,
  remittances: REMITTANCE_ERRORS,
  payments: PAYMENT_ERRORS,
  x12: X12_UPLOAD_ERRORS,
  webhooks: WEBHOOK_ERRORS,
};

function gather(): ErrorSpec[] {
  const seen = new Map<string, string>();
  const out: ErrorSpec[] = [];
  for (const [group, specs] of Object.entries(GROUPS)) {
    for (const spec of Object.values(specs)) {
      const other = seen.get(spec.code);
      if (other) throw new Error(`Error code '${spec.code}' is declared by both ${other} and ${group}.`);
      seen.set(spec.code, group);
      out.push(spec);
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

export const ERROR_SPECS: readonly ErrorSpec[] = gather();
export const ERROR_CODES: readonly string[] = ERROR_SPECS.map((e) => e.code);
