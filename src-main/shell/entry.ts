import { join } from 'node:path';
import { startApp } from './main.js';

// The bundle's entry (out/main/main.cjs): the built pieces sit beside it.
startApp({
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadPath: join(__dirname, '..', 'preload', 'preload.cjs'),
  parseWorker: join(__dirname, 'parse-worker.cjs'),
});
