import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * Builds the renderer (src-renderer) into out/renderer. `base: './'` keeps every asset URL
 * relative, so the same build works from the app's own protocol and from the https origin the
 * browser tests serve it on.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // The page's CSP allows scripts from 'self' only: no inline polyfill script.
    modulePreload: { polyfill: false },
  },
});
