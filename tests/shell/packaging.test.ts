import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForkParserHost } from '../../src-main/session/parser-host.js';

/**
 * Packaging smoke test: the real build, then `electron-builder --dir` with a stand-in Electron
 * folder (the binary cannot be downloaded here), then a look inside app.asar. Installer targets
 * (AppImage, deb, nsis, dmg) need downloads and are built on release machines.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
let entries: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'msgview-package-test-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
  writeFileSync(join(electronDist, 'LICENSES.chromium.html'), '<html></html>');
  writeFileSync(join(electronDist, 'version'), '45.5.0');
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  execFileSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      '--dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  entries = listPackage(join(work, 'release', 'linux-unpacked', 'resources', 'app.asar'), {
    isPack: false,
  });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packaging', () => {
  it('puts main, the parser process, the preload and the renderer into app.asar', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/main.cjs',
        '/out/main/parse-worker.cjs',
        '/out/preload/preload.cjs',
        '/out/renderer/index.html',
      ]),
    );
  });

  it('builds a parser process that runs on plain Node, as the app runs it', async () => {
    const host = createForkParserHost({
      workerScript: join(repoRoot, 'out', 'main', 'parse-worker.cjs'),
    });
    try {
      const sample = fileURLToPath(
        new URL('../../../shared/corpus/poi/hsmf/quick.msg', import.meta.url),
      );
      const snapshot = await host.parse(sample);
      expect(snapshot.view.subject).toBe('Test the content transformer');
    } finally {
      host.dispose();
    }
  });

  it('bundles the preload into one CommonJS file that requires nothing but electron', () => {
    const preload = readFileSync(join(repoRoot, 'out', 'preload', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('ships no node_modules and no source maps: everything is bundled', () => {
    expect(entries.filter((entry) => entry.includes('node_modules'))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
  });
});
