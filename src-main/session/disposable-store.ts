import { SessionError } from './session-error.js';

/** Something a session owns and must release: a parsed message, a temp file, a temp folder. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/**
 * Owns disposables and releases them all, once, in reverse order of adding (a temp file before its
 * folder). Anything added after `close()` is released at once and the caller gets SESSION_CLOSED,
 * so a slow operation that finishes after its window closed cannot leak what it made.
 */
export class DisposableStore {
  private readonly items: Disposable[] = [];
  private closing: Promise<void> | undefined;

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  async add<T extends Disposable>(item: T): Promise<T> {
    if (this.closing) {
      await item.dispose();
      throw new SessionError(
        'SESSION_CLOSED',
        'the session was closed while this object was being opened',
      );
    }
    this.items.push(item);
    return item;
  }

  /** Releases one item early (e.g. a temp file the user closed), if this store still holds it. */
  async release(item: Disposable): Promise<void> {
    const index = this.items.indexOf(item);
    if (index === -1) return;
    this.items.splice(index, 1);
    await item.dispose();
  }

  /** Idempotent: every call waits for the same, single release. Errors of one item do not stop the rest. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const failures: unknown[] = [];
      while (this.items.length > 0) {
        const item = this.items.pop()!;
        try {
          await item.dispose();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) {
        throw new AggregateError(failures, `${failures.length} objects failed to release`);
      }
    })();
    return this.closing;
  }

  get size(): number {
    return this.items.length;
  }
}
