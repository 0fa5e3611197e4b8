import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-console': 'off',
    },
  },
  {
    // Invariant 2: feature code never opens or imports the database layer.
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/db/*', '**/db'], message: 'modules get a transaction from ctx, never the db layer' }] },
      ],
    },
  },
  {
    // Logs go through pino and never carry personal data.
    files: ['server/**/*.ts'],
    ignores: ['server/cli/**', 'server/**/*.test.ts', 'server/test/**'],
    rules: { 'no-console': 'error' },
  },
)
