/**
 * The zod transform emits an input and an output variant of every registered schema. Keep only the
 * components the operations reach, and give a request-only schema its plain name (PayerCreate, not
 * PayerCreateInput), so generated SDKs get tidy type names and linters see no unused components.
 */
type Doc = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

const REF = '#/components/schemas/';

export function collectRefs(node: unknown, out: Set<string>) {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) out.add(v.slice(REF.length));
      else collectRefs(v, out);
    }
  }
}

function rewriteRefs(node: unknown, rename: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, rename));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(REF))
          return [k, REF + (rename.get(v.slice(REF.length)) ?? v.slice(REF.length))];
        return [k, rewriteRefs(v, rename)];
      }),
    );
  }
  return node;
}

/** The component names `node` reaches, directly or through other components. */
export function reachable(node: unknown, schemas: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  collectRefs(node, used);
  for (let grew = true; grew; ) {
    const before = used.size;
    for (const name of [...used]) collectRefs(schemas[name], used);
    grew = used.size > before;
  }
  return used;
}

export function pruneComponents<T extends Doc>(doc: T): T {
  const schemas = doc.components?.schemas ?? {};
  const used = reachable(doc.paths, schemas);
  const rename = new Map<string, string>();
  for (const name of used) {
    const plain = name.endsWith('Input') ? name.slice(0, -'Input'.length) : null;
    if (plain && !used.has(plain)) rename.set(name, plain);
  }
  const kept: Record<string, unknown> = {};
  for (const name of [...used].sort()) kept[rename.get(name) ?? name] = rewriteRefs(schemas[name], rename);
  return { ...doc, paths: rewriteRefs(doc.paths, rename), components: { ...doc.components, schemas: kept } } as T;
}
