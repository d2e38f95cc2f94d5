// `npm run lint` (and npm test): TypeScript rules (with type information for the product's
// sources), Lit template rules, web component rules and accessibility rules for templates, over
// the sources, the tests and the scripts. Zero warnings allowed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/dist/', 'test-results/', '**/*.cjs'] },
  js.configs.recommended,
  { files: ['**/*.ts'], extends: [tseslint.configs.recommended] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and nullable values in template strings read naturally here (`${n} unread`).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowNullish: true }],
      // Lit calls a template's event listeners with `this` set to the element (`@click=${this.onDial}`).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['src/**/*.ts', 'test/**/*.ts'], extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], wc.configs['flat/best-practice'], litA11y.configs.recommended] },
  {
    files: ['**/*.ts'],
    rules: {
      // `interface HTMLElementEventMap extends FsEventMap {}` is how events join the DOM's maps.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  { languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } } },
);
