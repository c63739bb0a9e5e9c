import { MessageSession } from './message-session.js';
import type { ParserHost } from './parser-host.js';
import { SessionError } from './session-error.js';

export interface SessionServiceOptions {
  /** Where sessions make their temp folders (the system's temp folder by default). */
  tempRoot?: string;
  /** How much of the file a session is opening has been read, for its owner's window. */
  onOpenProgress?: (owner: number, readFraction: number) => void;
}

/**
 * The owner → session registry: one session per window. The IPC handlers resolve every call's
 * sender to its window's session here, so a window can only ever reach its own objects.
 */
export class SessionService {
  private readonly sessions = new Map<number, MessageSession>();
  /** Ids of closed sessions, so a stale handle fails with SESSION_CLOSED rather than "unknown". */
  private readonly closedIds = new Set<string>();

  constructor(
    private readonly parser: ParserHost,
    private readonly options: SessionServiceOptions = {},
  ) {}

  /** OpenIMsgSession: the owner's session, created on first use. */
  openSession(owner: number): MessageSession {
    let session = this.sessions.get(owner);
    if (!session) {
      const { tempRoot, onOpenProgress } = this.options;
      session = new MessageSession(
        owner,
        this.parser,
        tempRoot,
        onOpenProgress && ((readFraction) => onOpenProgress(owner, readFraction)),
      );
      this.sessions.set(owner, session);
    }
    return session;
  }

  sessionOf(owner: number): MessageSession | undefined {
    return this.sessions.get(owner);
  }

  /**
   * The owner's session, for a call that names `handle`: a handle of one of the owner's closed
   * sessions fails with SESSION_CLOSED, one of another owner's session with NOT_OWNER.
   */
  sessionForHandle(owner: number, handle: unknown): MessageSession {
    if (typeof handle !== 'string')
      throw new SessionError('INVALID_ARGUMENT', 'a handle must be a string');
    const session = this.sessions.get(owner);
    if (session?.issued(handle)) return session;
    const sessionId = handle.split('/')[0] ?? '';
    if (this.closedIds.has(sessionId))
      throw new SessionError('SESSION_CLOSED', 'this message was closed');
    for (const other of this.sessions.values()) {
      if (other.issued(handle))
        throw new SessionError('NOT_OWNER', 'this handle belongs to another window');
    }
    throw new SessionError('UNKNOWN_HANDLE', 'no such object');
  }

  /** CloseIMsgSession for the owner: releases everything it opened. Harmless when there is none. */
  async closeSession(owner: number): Promise<void> {
    const session = this.sessions.get(owner);
    if (!session) return;
    this.sessions.delete(owner);
    this.closedIds.add(session.id);
    await session.close();
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.sessions.keys()].map((owner) => this.closeSession(owner)));
  }

  get openSessionCount(): number {
    return this.sessions.size;
  }
}
