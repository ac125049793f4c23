// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/**
 * Layer boundaries (see README "Layout"): Electron only in the shell; no Node built-ins and no
 * zod in the renderer (it talks to core through the contract's transport); core, shared, web and
 * cli never import the renderer or the shell.
 */
const noElectron = { name: 'electron', message: 'Electron belongs to src/main and src/preload only.' }
const nodeBuiltins = { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' }
const noShellOrRenderer = {
  group: ['**/main/**', '**/preload/**', '**/renderer/**'],
  message: 'Core, shared, web and cli must not depend on the Electron shell or the renderer.'
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**', 'test-results/**', 'engine/target/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off'
    }
  },
  {
    files: ['src/core/**', 'src/shared/**', 'src/web/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noShellOrRenderer] }] }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'zod', message: 'The renderer gets parsed data from the transport; zod stays in core.' }],
          patterns: [nodeBuiltins]
        }
      ]
    }
  }
)
