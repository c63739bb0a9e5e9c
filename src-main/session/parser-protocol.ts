import type { MessageSnapshot } from './message-snapshot.js';

/** Messages between the main process and the parser process (structured clone, 'advanced' serialization). */
export interface ParseRequest {
  id: number;
  path: string;
  codePage?: number;
}

export type ParseReply =
  | { id: number; ok: true; snapshot: MessageSnapshot }
  | { id: number; ok: false; code: string; message: string; formatCode?: string };
