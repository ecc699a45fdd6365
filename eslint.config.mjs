// ESLint 9 flat config: typescript-eslint's `recommended` (syntax only, no type information: `tsc --noEmit`
// already type-checks, and this stays fast), then eslint-config-prettier last so formatting is prettier's alone.
// `@eslint/js` and `globals` come with eslint itself (pinned by package-lock.json).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data*/',
      'coverage/',
      'test-results/',
      '**/generated/**',
      'dashboards/desk/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // the browser side of the monitoring desk
    files: ['dashboards/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // CommonJS launchers (gateway/bootstrap.cjs) run on plain Node
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
