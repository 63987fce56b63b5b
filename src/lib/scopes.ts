/** Every scope a token can carry. `<resource>:read` lists and retrieves; `<resource>:write` creates and changes. */
export const SCOPES = {
  'payers:read': 'Read payers',
  'payers:write': 'Create and change payers',
  'providers:read': 'Read providers',
  'providers:write': 'Create and change providers',
  'patients:read': 'Read patients (PHI)',
  'patients:write': 'Create and change patients (PHI)',
  'coverages:read': 'Read coverages (PHI)',
  'coverages:write': 'Create and change coverages (PHI)',
  'codes:read': 'Look up and validate code sets',
  'encounters:read': 'Read encounters (PHI)',
  'encounters:write': 'Post and change encounters (PHI)',
  'claims:read': 'Read claims and their history (PHI)',
  'claims:write': 'Scrub, hold, release and submit claims',
  'submissions:read': 'Read 837P submissions and acknowledgments',
  'submissions:write': 'Submit claims as 837P and post 999 / 277CA acknowledgments',
  'remittances:read': 'Read 835 remittances and adjudications (PHI)',
  'remittances:write': 'Post 835 remittances and adjudications',
  'balances:read': 'Read balances, ledgers, statements and receivables reports (PHI)',
  'payments:write': 'Post patient payments, write-offs and refunds',
  'events:read': 'Read the event feed',
  'webhooks:read': 'Read webhook endpoints and their delivery attempts',
  'webhooks:write': 'Create, change, delete and rotate webhook endpoints; redeliver events',
  'organization:read': 'Read your organization and its settings',
  'organization:write': 'Change your organization’s settings (time zone, X12 submitter)',
} as const;
export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

export function isScope(s: string): s is Scope {
  return Object.hasOwn(SCOPES, s);
}
