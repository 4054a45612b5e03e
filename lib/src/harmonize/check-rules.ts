import { ConfigError } from '../errors';
import { checkSchema, withDefaults } from '../fs/schemas';
import type { ResolvedRules } from './rules';

/**
 * Validates rules (parsed JSON or an object built in code) against `schemas/rules.schema.json` and fills
 * in its defaults: week grain starting Monday, no renames, no conflict rule, factors averaged.
 *
 * @param file the rules file name for messages; default `rules`
 * @throws ConfigError naming the file, the field path, the rule and the value:
 *   `` rules.json: `sorces` is not a rules field (known: grain, …); got {} ``
 * @example checkRules({ grain: 'day' }).weekStart // 'monday'
 */
export function checkRules(doc: unknown, file = 'rules'): ResolvedRules {
  checkSchema('rules', doc, file, ConfigError);
  return withDefaults<ResolvedRules>('rules', doc);
}
