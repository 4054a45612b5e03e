// The layers of lib/src, lowest first (DESIGN §3, issue 19): a module may import its own layer and the
// layers below it, never one above. Checked in `npm test` (`npm run lint:deps`).
// Tests are left out: a test may use a higher layer as a fixture (the synthetic generators, the sample).
const LAYERS = [
  ['errors', 'version', 'format'],
  ['math', 'fs'],
  ['transforms'],
  ['mmm'],
  ['mta'],
  ['plan'],
  ['insights'],
  ['synth'],
  ['data'],
  ['harmonize'],
  ['workspace'],
  ['cli'],
];

// Node's own modules, as dependency-cruiser names them (`node:fs` resolves to `fs`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NODE_BUILTIN = `^(node:)?(${require('node:module').builtinModules.join('|')})(/|$)`;

const at = (names) => `^lib/src/(${names.join('|')})(/|\\.ts$)`;
const forbidden = LAYERS.slice(0, -1).map((names, i) => ({
  name: `no-import-up-from-${names.join('-')}`,
  comment: `${names.join(', ')} may import only ${LAYERS.slice(0, i + 1)
    .flat()
    .join(', ')}`,
  severity: 'error',
  from: { path: at(names), pathNot: '\\.test\\.ts$' },
  to: { path: at(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^lib/src', pathNot: '\\.test\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'transforms-browser-safe',
      comment:
        'the extension reads the curve families (labels, kinds) from transforms/ in the browser: nothing there may reach a Node module',
      severity: 'error',
      from: { path: '^lib/src/transforms/', pathNot: '\\.test\\.ts$' },
      to: { path: NODE_BUILTIN, reachable: true },
    },
    {
      name: 'extension-and-kernel-over-lib-dist-only',
      comment: 'the front ends use lib as a package (its built entry or dist files), never its sources',
      severity: 'error',
      from: { path: '^(extension|kernel)/src' },
      to: { path: '^lib/src' },
    },
    {
      name: 'browser-entry-browser-safe',
      comment:
        "the extension bundles lib/src/browser.ts ('mixmodeler/dist/browser'): nothing it reaches, types included, may import a Node module",
      severity: 'error',
      from: { path: '^lib/src/browser\\.ts$' },
      to: { path: NODE_BUILTIN, reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|lib/bin)/' },
    tsConfig: { fileName: 'lib/tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
