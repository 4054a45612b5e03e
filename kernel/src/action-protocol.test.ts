import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { actionCode, type ActionRequest } from './action-protocol';
import { jsLiteral } from './js-literal';

// The compiler tslab runs each cell through (TypeScript 5.0): it, not the project's TypeScript, decides
// whether the code the extension sends is valid. TypeScript 5.9 accepts a raw U+2028 in a string.
type Ts = typeof import('typescript');
const fromTslab = createRequire(createRequire(import.meta.url).resolve('tslab'));
const ts = fromTslab('@tslab/typescript-for-tslab') as Ts;

/** Compiles `code` as tslab would (CommonJS) and returns the syntax errors and the JavaScript. */
function compile(code: string): { errors: string[]; js: string } {
  const out = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 },
  });
  const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { errors, js: out.outputText };
}

/** Runs the compiled action code with a stand-in `require` and returns the request `runAction` got. */
async function sentRequest(code: string): Promise<unknown> {
  const { errors, js } = compile(code);
  expect(errors).toEqual([]);
  let got: unknown;
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('require', 'exports', js)(
    (name: string) => (name === 'mixmodeler-kernel' ? { runAction: (r: unknown) => (got = r) } : undefined),
    {},
  );
  return got;
}

const NAMES = [
  'line\u2028separator',
  'paragraph\u2029separator',
  'both \u2028\u2029 and a newline\n and \r\n',
  'quotes " \' ` and a backslash \\ and ${template}',
  '</script><!-- <b>bold</b>',
  'control \u0000 \u0007 \u001b[31m red \u007f',
  'lone surrogate \ud800 and an emoji 📈',
  "'); process.exit(1); ('",
];

describe('actionCode(request)', () => {
  it('actionCode(request) is one line: no raw line terminator of any kind', () => {
    for (const name of NAMES) {
      expect(actionCode({ action: 'edit', id: 'm-1', name })).not.toMatch(/[\n\r\u2028\u2029]/);
    }
  });

  it.each(NAMES.map((n) => [JSON.stringify(n), n]))(
    'actionCode(request) with the name %s compiles in tslab and hands runAction the request unchanged',
    async (_, name) => {
      const request: ActionRequest = { action: 'edit', id: 'm-1', name, description: name };
      expect(await sentRequest(actionCode(request))).toEqual(request);
    },
  );

  it('actionCode(request) keeps nested configs with U+2028 intact', async () => {
    const request: ActionRequest = {
      action: 'build',
      config: { name: 'a\u2028b', touchpoints: [{ channel: 'tv\u2029' }] },
    };
    expect(await sentRequest(actionCode(request))).toEqual(request);
  });

  it('JSON.stringify alone is not enough: tslab reports an unterminated string on U+2028', () => {
    const raw = `await require('mixmodeler-kernel').runAction(${JSON.stringify({ action: 'edit', id: 'm', name: 'a\u2028b' })});`;
    expect(compile(raw).errors).toContain('Unterminated string literal.');
  });
});

describe('jsLiteral(value)', () => {
  it('jsLiteral(value) escapes <, U+2028 and U+2029 and parses back to the value', () => {
    const value = { s: '</script>\u2028\u2029', n: [1, 2.5, null], nested: { t: true } };
    const text = jsLiteral(value);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
