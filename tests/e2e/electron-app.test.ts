import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { corpus, repoRoot } from './harness.js';

/**
 * The real app in real Electron, wherever an Electron binary is present (a developer's machine,
 * a release machine). Where the binary cannot be downloaded — as on our CI machines — this file
 * skips itself and says why; the Chromium harness tests cover the renderer there.
 */
function electronBinary(): { path: string } | { reason: string } {
  if (process.env.MSGVIEW_ELECTRON) {
    return existsSync(process.env.MSGVIEW_ELECTRON)
      ? { path: process.env.MSGVIEW_ELECTRON }
      : { reason: `MSGVIEW_ELECTRON=${process.env.MSGVIEW_ELECTRON} does not exist` };
  }
  // Not require('electron'): in Electron 45 that starts the binary's download when it is missing.
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile))
      return { reason: 'the electron package has no binary (its download did not run here)' };
    const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(path) ? { path } : { reason: `the Electron binary ${path} is missing` };
  } catch (error) {
    return { reason: `no electron package: ${(error as Error).message.split('\n')[0]}` };
  }
}

const binary = electronBinary();
if ('reason' in binary) console.info(`electron-app.test.ts skipped: ${binary.reason}`);

describe.skipIf('reason' in binary)('the app in real Electron', () => {
  it('opens a message from the command line in a sandboxed, isolated window', async () => {
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(repoRoot, 'out', 'main', 'main.cjs'), corpus('poi/hsmf/quick.msg')],
      cwd: repoRoot,
    });
    try {
      const window = await app.firstWindow();
      await expect
        .poll(() => window.title(), { timeout: 20_000 })
        .toContain('Test the content transformer');
      // The page has the bridge but no Node.
      expect(
        await window.evaluate(() => typeof (window as unknown as { msgview?: unknown }).msgview),
      ).toBe('object');
      expect(
        await window.evaluate(() => typeof (globalThis as { require?: unknown }).require),
      ).toBe('undefined');
      expect(
        await window.evaluate(() => typeof (globalThis as { process?: unknown }).process),
      ).toBe('undefined');
    } finally {
      await app.close();
    }
  }, 60_000);
});
