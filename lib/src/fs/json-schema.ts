// JSON Schemas as plain objects: their `$ref`s, the schema below a field, the order of fields.
// No Node imports: the JupyterLab extension bundles this file.

/** A JSON Schema, as far as the messages read it. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  $defs?: Record<string, JsonSchema>;
}

/** The schema file each schema object belongs to, to resolve `$ref`s (filled once by {@link indexSchemas}). */
const fileOf = new WeakMap<object, JsonSchema>();
const files = new Map<string, JsonSchema>();

/** Records which file every (sub)schema belongs to. */
export function indexSchemas(roots: readonly JsonSchema[]): void {
  const mark = (node: unknown, root: JsonSchema): void => {
    if (typeof node !== 'object' || node === null) return;
    fileOf.set(node, root);
    for (const v of Object.values(node)) mark(v, root);
  };
  for (const root of roots) {
    files.set(root.$id ?? '', root);
    mark(root, root);
  }
}

/** A schema with its `$ref`s followed (`other.schema.json#/properties/name`, `#/$defs/status`). */
export function resolve(s: JsonSchema | undefined): JsonSchema | undefined {
  let node = s;
  for (let hops = 0; node?.$ref !== undefined && hops < 10; hops++) {
    const [file = '', pointer = ''] = node.$ref.split('#');
    let target: unknown = file === '' ? fileOf.get(node) : files.get(file);
    for (const key of pointer.split('/').slice(1)) target = (target as Record<string, unknown> | undefined)?.[key];
    node = target as JsonSchema | undefined;
  }
  return node;
}

/** The schema of `key` below `s`: a property, an item, a map's value, or the same in the first alternative that has it. */
export function child(s: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
  const r = resolve(s);
  if (!r) return undefined;
  const own =
    typeof key === 'number'
      ? r.items
      : (r.properties?.[key] ?? (typeof r.additionalProperties === 'object' ? r.additionalProperties : undefined));
  return own ?? [...(r.anyOf ?? []), ...(r.oneOf ?? [])].map((b) => child(b, key)).find((b) => b !== undefined);
}

/** Where a key comes in its object's schema: unknown keys first (-1), then the fields in schema order. */
export function rank(s: JsonSchema | undefined, key: string | number): number {
  if (typeof key === 'number') return key;
  const r = resolve(s);
  const keys = [r, ...(r?.anyOf ?? []), ...(r?.oneOf ?? [])].flatMap((b) => Object.keys(resolve(b)?.properties ?? {}));
  return keys.indexOf(key);
}
