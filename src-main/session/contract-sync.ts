import type * as Contract from '../contract/ipc-contract.js';
import type { DiagnosticPart } from '../format/diagnostic-part.js';
import type { MsgFormatErrorCode } from '../format/errors.js';
import type { AttachMethod, ItemKind } from '../format/model.js';
import type { SessionErrorCode } from './session-error.js';

/**
 * The IPC contract imports nothing, so it restates the unions the format and session layers
 * define. These lines fail to compile the moment the two drift apart in either direction: a new
 * item kind, error code or attachment method must then be added to the contract (and so to the
 * renderer's text tables, which are `satisfies Record<…>` over the contract's unions).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const CONTRACT_MATCHES_LAYERS: [
  Same<Contract.ItemKind, ItemKind>,
  Same<Contract.AttachMethod, AttachMethod>,
  Same<Contract.FormatErrorCode, MsgFormatErrorCode>,
  Same<Contract.ErrorCode, SessionErrorCode | 'INTERNAL'>,
  Same<Contract.DiagnosticPart, DiagnosticPart>,
] = [true, true, true, true, true];
