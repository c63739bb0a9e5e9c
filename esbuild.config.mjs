// Bundles the main process, the preload and the parser process into out/ (the renderer is built
// by Vite into out/renderer). Everything the app needs is bundled, so electron-builder copies no
// node_modules into app.asar. `electron` stays external: the runtime provides it, and a sandboxed
// preload may only require('electron').
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src-main/shell/entry.ts'], outfile: 'out/main/main.cjs' }),
  build({
    ...common,
    entryPoints: ['src-main/session/parse-worker.ts'],
    outfile: 'out/main/parse-worker.cjs',
  }),
  build({
    ...common,
    entryPoints: ['src-main/shell/preload.ts'],
    outfile: 'out/preload/preload.cjs',
    sourcemap: false,
  }),
]);
