import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The Vue example: `<mfa-flow>` is a custom element, not a Vue component, so the template
 * compiler leaves it to the browser.
 */
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'mfa-flow' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
