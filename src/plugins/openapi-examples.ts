import { ID_PREFIXES, type IdKind } from '../lib/ids.js';

/**
 * Whole-object examples for the OpenAPI document, built from the field examples the zod schemas carry
 * (`.meta({ example })`), so every request and response shows one realistic object without a second copy to keep
 * in step. A field with no example of its own falls back on its default, enum, format or id prefix. The lint in
 * test/openapi.test.ts validates every example against its schema.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  required?: string[];
  [k: string]: unknown;
};

const REF = '#/components/schemas/';
const EXAMPLE_ID = '01jd0example0000000000000';

/** A field without an example of its own gets one its name implies: `…Cents` money, `…Id` ids of that kind. */
const ID_KINDS: Record<string, IdKind> = {
  billingProvider: 'provider',
  renderingProvider: 'provider',
  referringProvider: 'provider',
  facility: 'provider',
  transaction: 'journalTransaction',
  reversesTransaction: 'journalTransaction',
  webhookEndpoint: 'webhook',
  correctsClaim: 'claim',
  correctedByClaim: 'claim',
  reverses: 'writeoff',
  reversedBy: 'writeoff',
  source: 'payment',
};
const BY_NAME: [RegExp, unknown][] = [
  [/BasisPoints$/, 2000],
  [/Thousandths$/, 1000],
  [/Cents$/, 12500],
  [/(Count|^units|^quantity|^sequence|^position|^pointer)$/, 1],
  [/^lineNumber$/, 1],
  [/Days$/, 30],
  [/ControlNumber$/, '000000101'],
  [/^patientControlNumber$/, 'PCN0001'],
  [/^payerClaimControlNumber$|^payerClaimNumber$/, 'PAYERCLM1'],
  [/^traceNumber$/, '12345'],
  [/^procedureCode$/, '99213'],
  [/^reasonCode$/, '45'],
  [/^statusCode$/, 'A1'],
  [/^remarkCodes?$/, 'N130'],
  [/^reasonCodes$/, 'CO-45'],
  [/^modifiers?$/, '25'],
  [/^placeOfService$/, '11'],
  [/^ndc$/, '00002143380'],
  [/^priorAuthorization$/, 'PA123456'],
  [/^middleName$/, 'Q'],
  [/^payerName$/, 'ACME HEALTH PLAN'],
  [/^nextCursor$/, 'eyJ1IjoiMjAyNi0wMy0xNFQxNTowOToyNi41MzVaIiwiaSI6InB5cl8wMWpkMCJ9'],
  [/^reference$/, 'CHK-1042'],
  [/^controlNumber$/, '000000101'],
  [/LineNumber$/, 1],
  [/^(count|attempt|entryNumber|maxUnits|notApplied|statusChanged|unmatched)$/, 1],
  [/^(codes|records|activeCodes)$/, 98403],
  [/^billableCodes$/, 74879],
  [/^latencyMs$/, 182],
  [/^statusCode$/, 204],
  [
    /^access_token$/,
    'eyJhbGciOiJFUzI1NiIsImtpZCI6ImtleV8wMWpkMCJ9.eyJzdWIiOiJjbGlfMDFqZDAiLCJzY29wZSI6ImNsYWltczpyZWFkIn0.c2ln',
  ],
  [/^client_secret$/, 'sk_3f9b2c7e41a84d0e9b6f5a1c2d7e8f90'],
  [/^actor$/, 'cli_01jd0example0000000000000'],
  [/^accountKind$/, 'receivable'],
  [/^party$/, 'patient'],
  [/^sourceType$/, 'payment'],
  [/^actionCode$/, 'WQ'],
  [/^codes$/, 'A7:21'],
  [/^adjudicationIndicator$/, 2],
  [/^adjudicationText$/, '2 Date of Service Edit: Policy'],
  [/^billedProcedureCode$/, '99214'],
  [/^bypassModifiers$/, '59'],
  [/^clearinghouseTraceNumber$/, 'CLH20260314000417'],
  [/^code$/, 'E11.9'],
  [/^creditDebit$/, 'C'],
  [/^handlingCode$/, 'I'],
  [/^effectiveDate$/, '2026-03-14'],
  [/^element$/, 'CLM02'],
  [/^error$/, 'connect ECONNREFUSED 203.0.113.10:443'],
  [/^externalId$/, 'EHR-VISIT-20260314-0042'],
  [/^fileName$/, 'icd10cm_order_2026.txt'],
  [/^filingIndicator$/, 'CI'],
  [/^firstName$/, 'Jordan'],
  [/^lastName$/, 'Rivera'],
  [/^name$/, 'Springfield Family Medicine'],
  [/^label$/, 'FY2026'],
  [/^source$/, 'CMS ICD-10-CM FY2026 order file'],
  [/^patientName$/, 'RIVERA, JORDAN'],
  [/^payeeName$/, 'SPRINGFIELD FAMILY MEDICINE'],
  [/^payeeNpi$/, '1245319599'],
  [/^payerIdentifier$/, '1512345678'],
  [/^(note|rationale|reason|message|description|shortDescription)$/, 'Copay collected at the front desk.'],
];

function byName(path: string, kind: string): unknown {
  const name = /([A-Za-z_]+)(?:\[\])*$/.exec(path)?.[1] ?? '';
  const id = /^(.+)Id$/.exec(name)?.[1];
  if (kind === 'string' && id) {
    const idKind = ID_KINDS[id] ?? (id as IdKind);
    if (idKind in ID_PREFIXES) return `${ID_PREFIXES[idKind]}_${EXAMPLE_ID}`;
    if (id === 'request') return 'req_4f1c9e2b7d104c1e9a436a3e0b0f5d3c';
  }
  for (const [re, value] of BY_NAME)
    if (re.test(name) && typeof value === (kind === 'integer' ? 'number' : kind)) return value;
  return undefined;
}

const FORMATS: Record<string, string> = {
  'date-time': '2026-03-14T15:09:26.535Z',
  date: '2026-03-14',
  email: 'billing@example.com',
  uri: 'https://pm.example.com/hooks/claims',
  uuid: '0b0f5d3c-6a3e-4c1e-9a43-4f1c9e2b7d10',
};

/** `^pyr_[0-9a-z]{10,40}$` → `pyr_01jd0example0000000000000`, the id shape every example in the API uses. */
function fromPattern(pattern: string): string | undefined {
  const id = /^\^([a-z]+)_\[0-9a-z\]/.exec(pattern);
  return id ? `${id[1]}_${EXAMPLE_ID}` : undefined;
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

function resolves(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema | undefined {
  return schema?.$ref ? components[schema.$ref.slice(REF.length)] : schema;
}

/** `onGap` hears of every field that got a made-up value (no example, default, enum or format of its own). */
export interface ExampleContext {
  components: Record<string, JsonSchema>;
  onGap?: (path: string) => void;
}

export function exampleOf(schema: JsonSchema, ctx: ExampleContext, path = '', depth = 0): unknown {
  const { components } = ctx;
  const inner = (s: JsonSchema, at = path) => exampleOf(s, ctx, at, depth + 1);
  if (depth > 40) return undefined;
  if (schema.$ref?.startsWith(REF)) {
    const target = components[schema.$ref.slice(REF.length)];
    return target ? inner(target) : undefined;
  }
  const kind = typeOf(schema);
  // An object's or a list of objects' own example is often a sketch (some fields only): build it from its fields.
  const composite = kind === 'object' || (kind === 'array' && resolves(schema.items, components)?.properties);
  if (schema.example !== undefined && !composite) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0];
    return branch ? inner(branch) : null;
  }
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((s) => inner(s) as object));
  }
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  switch (kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        const value = inner(prop, `${path}.${name}`);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array': {
      const item = schema.items ? inner(schema.items, `${path}[]`) : undefined;
      return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'string': {
      const known =
        (schema.format && FORMATS[schema.format]) ||
        (schema.pattern && fromPattern(schema.pattern)) ||
        byName(path, 'string');
      if (typeof known === 'string') return known;
      ctx.onGap?.(path);
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    case 'integer':
    case 'number': {
      const known = byName(path, 'integer');
      if (typeof known === 'number') return known;
      ctx.onGap?.(path);
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return schema.default;
  }
}
