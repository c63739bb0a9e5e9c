import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RecentFile } from '../contract/ipc-contract.js';

/** Most recently opened files, newest first, kept in a small JSON file in the user-data folder. */
export const MAX_RECENT_FILES = 10;

export class RecentFiles {
  private list: string[];
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly storePath: string) {
    this.list = this.load();
  }

  all(): RecentFile[] {
    return this.list.map((path) => ({ path, name: basename(path) }));
  }

  add(path: string): void {
    this.list = [path, ...this.list.filter((existing) => existing !== path)].slice(
      0,
      MAX_RECENT_FILES,
    );
    this.save();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  /** Called after every change (the shell rebuilds the Open Recent menu). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private save(): void {
    for (const listener of this.listeners) listener();
    try {
      mkdirSync(dirname(this.storePath), { recursive: true });
      writeFileSync(this.storePath, JSON.stringify(this.list));
    } catch {
      // A read-only profile folder loses the recent list, nothing else.
    }
  }

  private load(): string[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.storePath, 'utf8'));
      return Array.isArray(parsed)
        ? parsed
            .filter((item): item is string => typeof item === 'string')
            .slice(0, MAX_RECENT_FILES)
        : [];
    } catch {
      return [];
    }
  }
}
