// Lint rules, above all the import boundaries of ARCHITECTURE.md: who may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noElectron = { name: 'electron', message: "Only electron/main imports 'electron'." };
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This folder runs in a browser too: no Node built-ins.' }));
const pattern = (group, message) => ({ group, message });

const boundary = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // Hooks called in order and effects that see current values: errors, since a stale closure ships silently.
  // useLiveQuery (dexie-react-hooks) takes a dependency list like useEffect, so it is checked too.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLiveQuery$' }],
    },
  },
  // shared/ runs anywhere: no Node, no DOM, no Electron, no UI, no storage engine.
  // Tests of shared/ run in Node (they read the seed originals); the code they test does not.
  { ...boundary(['shared/**/*.ts'], {
    paths: [noElectron, ...noNode],
    patterns: [
      pattern(['**/electron/**', '**/renderer/**', '**/sandbox/**'], 'shared/ depends on nothing but itself.'),
      pattern(['react', 'react-dom', 'dexie', 'node-forge', 'xml-crypto', '@xmldom/*'], 'shared/ holds only platform-free domain code.'),
    ],
  }), ignores: ['shared/**/*.test.ts'] },
  // shared/ compiles with the DOM lib only for WebCrypto's types (PKI helpers); these globals stay off-limits.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'location', 'history', 'process', 'Buffer', 'require', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval'],
    },
  },
  // The renderer reaches the host only through the contract in shared/.
  {
    ...boundary(['renderer/src/**/*.{ts,tsx}'], {
      paths: [noElectron, ...noNode],
      patterns: [pattern(['**/electron/**', '**/sandbox/**'], 'The renderer talks to the host only through shared/host/hostApi.')],
    }),
    ignores: ['renderer/**/*.test.{ts,tsx}'],
  },
  // Host services are plain Node, shell-neutral, and know nothing of the UI or the sandbox.
  boundary(['electron/host/**/*.ts', 'electron/web/**/*.ts'], {
    paths: [noElectron],
    patterns: [pattern(['**/renderer/**', '**/sandbox/**', '**/electron/main/**', '**/main/**'], 'Host code depends only on shared/ and itself.')],
  }),
  // Training mode is the one place that embeds the sandbox.
  boundary(['electron/training/**/*.ts'], {
    paths: [noElectron],
    patterns: [pattern(['**/renderer/**'], 'Training composition does not reach into the UI.')],
  }),
  // The composition root chooses between training and production; it runs under both shells.
  boundary(['electron/compose/**/*.ts'], {
    paths: [noElectron],
    patterns: [pattern(['**/renderer/**', '**/sandbox/**', '**/electron/main/**'], 'Composition wires host and training; the sandbox only through electron/training.')],
  }),
  boundary(['electron/main/**/*.ts'], {
    patterns: [pattern(['**/renderer/**', '**/sandbox/**'], 'The Electron shell composes host services; it does not import UI or sandbox code.')],
  }),
  boundary(['sandbox/**/*.ts'], {
    paths: [noElectron],
    patterns: [pattern(['**/electron/**', '**/renderer/**'], 'The sandbox stands alone: it speaks the protocol in shared/.')],
  }),
  boundary(['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'], { paths: [noElectron] }),
  // Host tests may use the sandbox (its test PKI, its feeds) as a fixture: real parts, not mocks.
  boundary(['electron/host/**/*.test.ts', 'electron/web/**/*.test.ts', 'electron/compose/**/*.test.ts'], {
    paths: [noElectron],
    patterns: [pattern(['**/renderer/**', '**/electron/main/**'], 'Host tests stay out of the UI and the shell.')],
  }),
);
