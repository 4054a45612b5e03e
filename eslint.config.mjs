// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'extension/lib/**',
      'extension/labextension/**',
      '.venv/**',
      'bench/.venv-*/**',
      '.jupyter/**',
      'artifacts/**',
      '**/*.d.ts',
      'extension/style/index.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    files: ['lib/bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bench/**/*.mjs', 'bench/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        performance: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // Typed rules (STYLE: no promise left unhandled): the TypeScript sources and tests, through their tsconfigs.
    files: ['lib/src/**/*.ts', 'kernel/src/**/*.ts', 'extension/src/**/*.{ts,tsx}', 'tests/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: [
          './lib/tsconfig.json',
          './kernel/tsconfig.json',
          './extension/tsconfig.json',
          './tsconfig.tests.json',
          './extension/tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    // DESIGN §3: the extension imports lib only through its browser-safe entry (lib/src/browser.ts);
    // every other path of the package may reach Node modules.
    files: ['extension/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mixmodeler', message: "the extension imports lib from 'mixmodeler/dist/browser' only" }],
          patterns: [
            {
              regex: '^mixmodeler/(?!dist/browser$)',
              message: "the extension imports lib from 'mixmodeler/dist/browser' only",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
);
