// Lint rules for `npm run lint` (office-addin-lint picks this file up): the Office add-in rules
// (load before read, sync before read, no navigational loads), TypeScript's recommended rules, and the
// house sizes (no line over 140 characters, no function over 150 lines), for .ts and .tsx alike.
// Formatting is Prettier's (.prettierrc.json), checked by `prettier --check` in the same script rather
// than through ESLint; the import rules are scripts/lint/architecture.ts.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';

const withoutPrettier = (config) => ({
  ...config,
  ...(config.files ? { files: ['**/*.{js,mjs,cjs,ts,tsx}'] } : {}),
  rules: Object.fromEntries(Object.entries(config.rules ?? {}).filter(([name]) => !name.startsWith('prettier/'))),
  plugins: Object.fromEntries(Object.entries(config.plugins ?? {}).filter(([name]) => name !== 'prettier')),
});

export default [
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'coverage/**'] },
  ...officeAddins.configs.react.map(withoutPrettier),
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins, '@typescript-eslint': tsPlugin },
    languageOptions: { parser: tsParser },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // TypeScript already checks names, including the Office and Excel globals from @types/office-js.
      'no-undef': 'off',
      // React 17+ compiles JSX without React in scope.
      'react/react-in-jsx-scope': 'off',
      // TypeScript checks redeclarations itself, and knows that overloads are not.
      'no-redeclare': 'off',
      // Prettier wraps code at 120; what it cannot wrap (a long string, a comment) still stops at 140.
      'max-len': ['error', { code: 140, ignoreUrls: true }],
      // A function longer than a screenful is several functions waiting to be named.
      'max-lines-per-function': ['error', { max: 150 }],
    },
  },
  {
    // The Office.js rules look for load/sync mistakes; exceljs code (file adapter, browser page), the engine and the CLI never touch Office.js.
    files: [
      'src/engine/**',
      'src/portfolio/**',
      'src/io/ooxml/**',
      'src/io/xlsx/**',
      'src/io/node/**',
      'src/apps/cli/**',
      'src/apps/pane/page/**',
      'src/present/**',
      'src/example/**',
    ],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, 'off'])),
  },
];
