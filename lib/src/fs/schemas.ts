import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { show } from '../errors';
import { indexSchemas, resolve, type JsonSchema } from './json-schema';
import { firstProblem } from './schema-problem';
import { describe } from './schema-rule';

export { describe as schemaRule, type JsonSchema };

// No Node imports: the JupyterLab extension bundles this file (model-summary.ts and model-config.ts use it).

/* eslint-disable @typescript-eslint/no-require-imports --
 * The schemas live in lib/schemas (shipped, for users and editors), outside tsc's rootDir, so they cannot be
 * imported as JSON modules. A require two folders up finds them from src/fs (vitest), dist/fs (Node, tslab)
 * and in the extension's bundle (the bundler inlines them). */
const FILES: readonly JsonSchema[] = [
  require('../../schemas/model.schema.json') as JsonSchema,
  require('../../schemas/rules.schema.json') as JsonSchema,
  require('../../schemas/dataset-manifest.schema.json') as JsonSchema,
  require('../../schemas/model-record.schema.json') as JsonSchema,
  require('../../schemas/plan.schema.json') as JsonSchema,
  require('../../schemas/dashboard.schema.json') as JsonSchema,
  require('../../schemas/bounds.schema.json') as JsonSchema,
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The file formats with a JSON Schema in `lib/schemas/`, and the schema (or part of one) each is checked against. */
export const FORMATS = {
  /** model.json, as the user writes it (DESIGN §5). */
  model: 'model.schema.json',
  /** The mapping rules of harmonize. */
  rules: 'rules.schema.json',
  /** `datasets/<name>/manifest.json`. */
  'dataset-manifest': 'dataset-manifest.schema.json',
  /** `models/<id>/model.json`, the stored model. */
  'model-record': 'model-record.schema.json',
  /** The fields of a stored model that the models table reads. */
  'model-summary': 'model-record.schema.json#/$defs/summary',
  /** `plans/<id>.json`. */
  plan: 'plan.schema.json',
  /** `dashboard.json`, the JupyterLab overview's layout. */
  dashboard: 'dashboard.schema.json',
  /** The `--bounds FILE` of `plan create`. */
  bounds: 'bounds.schema.json',
} as const;

/** A file format with a schema. */
export type FileFormat = keyof typeof FORMATS;

/** A day `YYYY-MM-DD` that exists (2024-02-30 does not). */
function isDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

let indexed = false;
let ajv: Ajv2020 | undefined;

/** Indexes the schema files once, for `$ref`s in messages and defaults. */
function index(): void {
  if (!indexed) indexSchemas(FILES);
  indexed = true;
}

/** The compiled validator of a format: every schema is compiled once, on first use. */
function validator(format: FileFormat): ValidateFunction {
  index();
  ajv ??= new Ajv2020({
    schemas: [...FILES],
    allErrors: true, // the first problem in field order is chosen from all of them (schema-problem.ts)
    verbose: true,
    strict: true,
    strictRequired: false, // `oneOf: [{ required: [roi] }, { required: [share] }]` names fields defined beside it
    allowUnionTypes: true,
    strictNumbers: true, // Infinity and NaN are not numbers
    formats: { date: { type: 'string', validate: isDate } },
  });
  const validate = ajv.getSchema(FORMATS[format]);
  if (!validate) throw new Error(`no schema ${FORMATS[format]}`);
  return validate;
}

/**
 * The first problem of a document against its format's schema, in field order (unknown keys of an object
 * before its fields), as `{ path, rule, value }`: `touchpoints[2].channel`, `must be a non-empty string`, 3.
 * Null when the document is valid.
 *
 * @example schemaProblem('rules', { grain: 'month' }) // { path: 'grain', rule: 'must be day or week', value: 'month' }
 */
export function schemaProblem(format: FileFormat, doc: unknown): { path: string; rule: string; value: unknown } | null {
  const validate = validator(format);
  if (validate(doc)) return null;
  return firstProblem(validate.errors ?? [], doc, validate.schema as JsonSchema);
}

/**
 * Checks a document against its format's schema and returns it typed.
 *
 * @param file the file (or label) the document came from, for the message
 * @param error the error class to throw: ConfigError for what users write, StoreError for stored files
 * @throws `error` with `` file: `path` rule; got value ``, e.g. `` model.json: `lookbackWeeks` must be an integer in [1, 52]; got 60 ``
 * @example checkSchema<ModelConfigDoc>('model', JSON.parse(text), 'model.json', ConfigError)
 */
export function checkSchema<T>(format: FileFormat, doc: unknown, file: string, error: new (m: string) => Error): T {
  const p = schemaProblem(format, doc);
  if (p) throw new error(`${file}: \`${p.path}\` ${p.rule}; got ${show(p.value)}`);
  return doc as T;
}

/** The schema of a format (or the part of a schema file it names). */
function schemaOf(format: FileFormat): JsonSchema {
  index();
  const s = resolve({ $ref: FORMATS[format] });
  if (!s) throw new Error(`no schema ${FORMATS[format]}`);
  return s;
}

/**
 * The schema of a top-level field of a format (for a range or default that code shares with the schema).
 *
 * @example schemaField('model', 'lookbackWeeks').maximum // 52
 */
export function schemaField(format: FileFormat, field: string): JsonSchema {
  const f = schemaOf(format).properties?.[field];
  if (!f) throw new Error(`${FORMATS[format]} has no field ${field}`);
  return f;
}

/**
 * A copy of a valid document with the schema's `default`s filled in wherever a field is left out, at any
 * depth (a default object gets its own fields' defaults). The document itself is not changed.
 *
 * @example withDefaults('rules', {}).weekStart // 'monday'
 */
export function withDefaults<T>(format: FileFormat, doc: unknown): T {
  return fill(schemaOf(format), doc) as T;
}

function fill(schema: JsonSchema | undefined, value: unknown): unknown {
  const s = resolve(schema);
  if (Array.isArray(value)) return value.map((v) => fill(s?.items, v));
  if (typeof value !== 'object' || value === null || !s) return value;
  const out: Record<string, unknown> = { ...value };
  const props = s.properties ?? {};
  for (const [k, p] of Object.entries(props)) {
    const d = p.default ?? resolve(p)?.default;
    if (out[k] === undefined && d !== undefined) out[k] = JSON.parse(JSON.stringify(d));
  }
  const rest = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const [k, v] of Object.entries(out)) out[k] = fill(props[k] ?? rest, v);
  return out;
}
