type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * Compile-time proof that two object types have the same fields with the same types, for shapes declared
 * once and mapped at the edges: an API schema that drifts from its domain type stops the build
 * (`true satisfies Equals<A, B>;`).
 */
export type Equals<A, B> =
  (<T>() => T extends Simplify<A> ? 1 : 2) extends <T>() => T extends Simplify<B> ? 1 : 2 ? true : false;

/** Compile-time proof that two object types have the same keys (an input schema and the shape it maps to). */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
