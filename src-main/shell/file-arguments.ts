import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The files a command line asks to open. Electron's argv holds the executable, in development the
 * app folder, Chromium switches, and the paths: plain, relative to the caller's working directory,
 * or `file://` URIs (Linux desktop files pass `%U`).
 */
export function filesFromArgv(
  argv: readonly string[],
  options: { cwd: string; isPackaged: boolean },
): string[] {
  // Packaged: argv[0] is the app. Development (`electron .`): argv[1] is the app folder too.
  const rest = argv.slice(options.isPackaged ? 1 : 2);
  const files: string[] = [];
  let afterDoubleDash = false;
  for (const arg of rest) {
    if (arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    const path = toPath(arg, options.cwd);
    if (path && !files.includes(path)) files.push(path);
  }
  return files;
}

function toPath(arg: string, cwd: string): string | null {
  if (arg === '' || arg === '.') return null;
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  // Other URL schemes (http:, msgview:…) are not files we open.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null;
  return isAbsolute(arg) ? arg : resolve(cwd, arg);
}

/** What the second instance passes through `requestSingleInstanceLock(additionalData)`. */
export interface SecondInstanceData {
  files: string[];
}

export function isSecondInstanceData(value: unknown): value is SecondInstanceData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { files?: unknown }).files) &&
    (value as { files: unknown[] }).files.every((file) => typeof file === 'string')
  );
}
