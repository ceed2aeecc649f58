// The example app's lint: typescript-eslint's recommended rules over src/.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'playwright-report/**', 'test-results/**'] },
  { files: ['src/**/*.ts'], extends: [...tseslint.configs.recommended], languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
);
