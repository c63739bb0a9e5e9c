import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles .vue files for the renderer's component tests (tests/renderer, in happy-dom).
  plugins: [vue()],
  test: {
    include: ['tests/**/*.test.ts'],
    // The corpus conformance test parses 128 files; give slow CI machines room.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
