import { openCompoundFile } from './cfb/cfb-storage.js';
import type { Diagnostic } from './errors.js';
import { MsgFormatError } from './errors.js';
import { MAX_FILE_SIZE } from './limits.js';
import { readMessage } from './items/message-reader.js';
import {
  ENTRY_STREAM,
  GUID_STREAM,
  NAMED_PROPERTY_STORAGE,
  STRING_STREAM,
  parseNamedPropertyMap,
} from './mapi/named-property-map.js';
import { PROPERTY_STREAM_NAME } from './mapi/property-stream.js';
import type { MsgDocument } from './model.js';

export interface ReadMsgOptions {
  /** Decode 8-bit strings with this code page instead of the one the file implies. */
  codePage?: number;
  /** Throw on the first recoverable problem instead of collecting it (tests, `--strict`). */
  strict?: boolean;
}

/**
 * Parses the bytes of a .msg or .oft file. Throws a MsgFormatError when the bytes are not a
 * readable Outlook item at all; otherwise returns what could be read plus the problems met on the
 * way (a damaged attachment becomes a diagnostic, not a failed message).
 * @see [MS-OXMSG] 2.1 Storages and Streams
 */
export function readMsg(bytes: Uint8Array, options: ReadMsgOptions = {}): MsgDocument {
  if (bytes.length > MAX_FILE_SIZE) {
    throw new MsgFormatError(
      'LIMIT_EXCEEDED',
      `file is ${bytes.length} bytes; at most ${MAX_FILE_SIZE} are read`,
    );
  }
  const diagnostics: Diagnostic[] = [];
  const onDiagnostic = (diagnostic: Diagnostic) => {
    if (options.strict)
      throw new MsgFormatError(diagnostic.code, diagnostic.message, diagnostic.where);
    diagnostics.push(diagnostic);
  };
  const file = openCompoundFile(bytes);
  for (const diagnostic of file.diagnostics) onDiagnostic(diagnostic);
  const root = file.root;
  if (
    !root.streams.has(PROPERTY_STREAM_NAME) &&
    ![...root.streams.keys()].some((name) => name.toLowerCase().startsWith('__substg1.0_'))
  ) {
    throw new MsgFormatError(
      'NOT_MSG',
      'not an Outlook item: the compound file has no message properties (is it a Word, Excel or other Office file?)',
    );
  }
  const nameStorage = root.storages.get(NAMED_PROPERTY_STORAGE);
  const namedMap = parseNamedPropertyMap(
    {
      guids: nameStorage?.streams.get(GUID_STREAM)?.read(),
      entries: nameStorage?.streams.get(ENTRY_STREAM)?.read(),
      strings: nameStorage?.streams.get(STRING_STREAM)?.read(),
    },
    onDiagnostic,
  );
  const message = readMessage(root, 0, {
    namedMap,
    onDiagnostic,
    ansiCodePage: 1252,
    codePageOverride: options.codePage,
  });
  return { message, diagnostics };
}
