import { type Column, getTableColumns, getTableName, type InferSelectModel, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

/**
 * A table's rows as JSON, both ways, decided by each column's declared type. Statements that do several
 * things at once hand rows back as `row_to_json(...)` and take rows in as `json_populate_record(...)`:
 * `decode` turns such JSON into the row drizzle would return (camelCase keys, timestamps as Date, enum
 * columns checked), `encode` turns a row into the JSON PostgreSQL populates the table's type from.
 */
export interface RowCodec<T> {
  decode(json: unknown): T;
  encode(row: T): Record<string, unknown>;
}

type Decoder = (value: unknown) => unknown;
interface Field {
  key: string;
  name: string;
  decode: Decoder;
  encode: (value: unknown) => unknown;
}

const identity = (value: unknown) => value;

function decoderFor(column: Column, table: string): Decoder {
  switch (column.columnType) {
    // JSON values arrive parsed; drizzle's driver mapping would parse a JSON string value a second time.
    case 'PgJson':
    case 'PgJsonb':
      return identity;
    case 'PgText':
    case 'PgVarchar': {
      const allowed = column.enumValues?.length ? new Set<unknown>(column.enumValues) : null;
      if (!allowed) return identity;
      return (value) => {
        if (!allowed.has(value))
          throw new Error(`${table}.${column.name}: '${String(value)}' is not one of its values.`);
        return value;
      };
    }
    default:
      return (value) => column.mapFromDriverValue(value);
  }
}

function encoderFor(column: Column): (value: unknown) => unknown {
  switch (column.columnType) {
    case 'PgTimestamp':
      return (value) => (value instanceof Date ? value.toISOString() : value);
    case 'PgCustomColumn':
      return (value) => column.mapToDriverValue(value);
    default:
      return identity;
  }
}

export function rowCodec<T extends Table>(table: T): RowCodec<InferSelectModel<T>> {
  const tableName = getTableName(table);
  const fields: Field[] = Object.entries(getTableColumns(table)).map(([key, column]) => ({
    key,
    // The app's drizzle runs with `casing: 'snake_case'`: an unnamed column's SQL name is its key in snake case.
    name: column.keyAsName ? toSnakeCase(key) : column.name,
    decode: decoderFor(column, tableName),
    encode: encoderFor(column),
  }));
  return {
    decode(json) {
      const source = json as Record<string, unknown>;
      const row: Record<string, unknown> = {};
      for (const f of fields) {
        const value = source[f.name];
        row[f.key] = value === null || value === undefined ? null : f.decode ? f.decode(value) : value;
      }
      return row as InferSelectModel<T>;
    },
    encode(row) {
      const source = row as Record<string, unknown>;
      const json: Record<string, unknown> = {};
      for (const f of fields) {
        const value = source[f.key];
        json[f.name] = value === null || value === undefined ? null : f.encode ? f.encode(value) : value;
      }
      return json;
    },
  };
}
