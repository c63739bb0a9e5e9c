// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vitest from '@vitest/eslint-plugin';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';

/** Layer rules: each folder of src-main may import only the layers below it (see each folder's README). */
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'tests/.artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/format/**/*.ts'],
    rules: restrict([
      {
        group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
        message: 'format/ works on bytes only: no file system or process access.',
      },
      { group: ['electron'], message: 'format/ must run in plain Node.' },
      {
        group: ['**/session/**', '**/ipc/**', '**/shell/**', '**/cli/**', '**/contract/**'],
        message: 'format/ is the bottom layer.',
      },
    ]),
  },
  {
    files: ['src-main/session/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'Only src-main/shell may import electron.' },
      { group: ['**/shell/**'], message: 'session/ and cli/ sit below ipc/ and shell/.' },
      { group: ['**/ipc/**'], message: 'session/ and cli/ sit below ipc/.' },
      {
        group: ['**/contract/**'],
        allowTypeImports: true,
        message: 'session/ and cli/ may use only the types of the IPC contract.',
      },
    ]),
  },
  {
    files: ['src-main/ipc/**/*.ts'],
    rules: restrict([
      {
        group: ['electron'],
        message: 'ipc/ runs under plain Node: the shell passes Electron in as ShellServices.',
      },
      { group: ['**/shell/**', '**/cli/**'], message: 'ipc/ sits below shell/ and cli/.' },
    ]),
  },
  {
    // The contract is shared by main, preload and renderer: it imports nothing.
    files: ['src-main/contract/**/*.ts'],
    rules: restrict([{ regex: '.*', message: 'The IPC contract imports nothing.' }]),
  },
  ...pluginVue.configs['flat/recommended'],
  {
    // <script setup lang="ts"> blocks: vue-eslint-parser hands them to the TypeScript parser.
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      // vue-tsc checks names; ESLint's no-undef does not know DOM or auto-imported globals.
      'no-undef': 'off',
      'vue/multi-word-component-names': ['error', { ignores: ['App'] }],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: restrict([
      { group: ['electron', 'node:*'], message: 'The renderer runs in a sandboxed web page.' },
      {
        regex: 'src-main/(?!contract/)',
        message: 'The renderer talks to main only through bridge.ts and the IPC contract.',
      },
      {
        regex: 'src-main/contract/',
        allowTypeImports: true,
        message: 'The renderer may import only types from the IPC contract.',
      },
    ]),
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    ignores: ['src-renderer/bridge.ts', 'src-renderer/env.d.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'msgview', message: 'Use bridge.ts (through a composable).' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      'vitest/no-focused-tests': 'error',
      'vitest/no-disabled-tests': 'error',
    },
  },
  prettier,
);
