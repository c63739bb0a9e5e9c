import type { MessageSnapshot } from './message-snapshot.js';

/** Messages between the main process and the parser process (structured clone, 'advanced' serialization). */
export interface ParseRequest {
  id: number;
  path: string;
  codePage?: number;
}

/** Sent while the file is read, before the reply: how much of it has been read (0…1). */
export interface ParseProgress {
  id: number;
  readFraction: number;
}

export type ParseReply =
  | { id: number; ok: true; snapshot: MessageSnapshot }
  | { id: number; ok: false; code: string; message: string; formatCode?: string };

/** What the parser process sends: progress while reading, then one reply. */
export type ParserMessage = ParseProgress | ParseReply;

export function isParseProgress(message: ParserMessage): message is ParseProgress {
  return 'readFraction' in message;
}
