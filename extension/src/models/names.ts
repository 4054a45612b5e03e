/**
 * Whether another model already has this name (case and surrounding spaces ignored): the canvas and
 * the edit dialog warn before a second model of the same name is made.
 *
 * @param except the id of the model being renamed, which may keep its own name
 */
export function nameTaken(name: string, rows: readonly { id: string; name: string }[], except?: string): boolean {
  const key = name.trim().toLowerCase();
  return key !== '' && rows.some((r) => r.id !== except && r.name.trim().toLowerCase() === key);
}

/**
 * `base`, or `base (2)`, `base (3)`… : the first that no name in `taken` has, so that no two plans or
 * scenarios get the same default name.
 *
 * @example uniqueName('Q3 plan', ['Q3 plan', 'Q3 plan (2)']) // 'Q3 plan (3)'
 */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const names = new Set([...taken].map((n) => n.trim().toLowerCase()));
  if (!names.has(base.trim().toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}
