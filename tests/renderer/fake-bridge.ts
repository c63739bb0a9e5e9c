import type {
  AddressView,
  AttachmentView,
  ErrorInfo,
  MenuCommand,
  MessageView,
  MsgViewApi,
  MsgViewBridge,
  PropertyGroupView,
  RecipientView,
  Result,
} from '../../src-main/contract/ipc-contract';

/**
 * A stand-in for the preload's `window.msgview`: every API method answers from `answers` (or a
 * harmless default) and records its call, so a test can say "the strip asked main to open a2 with
 * confirmed = true" without Electron. Events are fired by hand (`emitOpenRequested`).
 */

type Answer<K extends keyof MsgViewApi> = (
  ...args: Parameters<MsgViewApi[K]>
) => ReturnType<MsgViewApi[K]> | Awaited<ReturnType<MsgViewApi[K]>>;

export type FakeAnswers = { [K in keyof MsgViewApi]?: Answer<K> };

export interface FakeBridge extends MsgViewBridge {
  calls: Array<[method: string, ...args: unknown[]]>;
  callsOf(method: keyof MsgViewApi): unknown[][];
  emitOpenRequested(path: string): void;
  emitMenuCommand(command: MenuCommand): void;
  emitOpenProgress(readFraction: number): void;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error });

const DEFAULTS: { [K in keyof MsgViewApi]: Awaited<ReturnType<MsgViewApi[K]>> } = {
  currentMessage: ok(null),
  openWithDialog: ok(null),
  openPath: ok(null),
  closeSession: ok(null),
  recentFiles: ok([]),
  properties: ok([]),
  propertyValue: ok(''),
  inlineImages: ok([]),
  openAttachment: ok(null),
  saveAttachment: ok(null),
  saveAllAttachments: ok(null),
  openEmbeddedMessage: ok(null),
  openLink: ok(true),
  allowRemoteContent: ok(null),
  setTextEncoding: fail({ code: 'NO_DATA', message: 'no answer set for setTextEncoding' }),
};

export function createFakeBridge(answers: FakeAnswers = {}): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const openListeners = new Set<(path: string) => void>();
  const menuListeners = new Set<(command: MenuCommand) => void>();
  const progressListeners = new Set<(readFraction: number) => void>();
  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of Object.keys(DEFAULTS) as Array<keyof MsgViewApi>) {
    api[method] = async (...args: unknown[]) => {
      calls.push([method, ...args]);
      const answer = answers[method] as ((...args: unknown[]) => unknown) | undefined;
      return answer ? answer(...args) : DEFAULTS[method];
    };
  }
  return {
    ...(api as unknown as MsgViewApi),
    calls,
    callsOf: (method) => calls.filter(([name]) => name === method).map(([, ...args]) => args),
    onOpenRequested(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    onMenuCommand(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    onOpenProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    pathForFile: (file) => `/dropped/${file.name}`,
    emitOpenRequested: (path) => openListeners.forEach((listener) => listener(path)),
    emitMenuCommand: (command) => menuListeners.forEach((listener) => listener(command)),
    emitOpenProgress: (readFraction) =>
      progressListeners.forEach((listener) => listener(readFraction)),
  };
}

/** Installs the fake as the preload's object; returns it. */
export function installFakeBridge(answers: FakeAnswers = {}): FakeBridge {
  const bridge = createFakeBridge(answers);
  (window as unknown as { msgview: MsgViewBridge }).msgview = bridge;
  return bridge;
}

export function sampleAddress(name: string | null, email: string | null): AddressView {
  return { name, email, addressType: 'SMTP', rawAddress: email, isExchange: false };
}

let nextRecipient = 0;

export function sampleRecipient(
  name: string | null,
  email: string | null,
  type: RecipientView['type'] = 'to',
): RecipientView {
  return { ...sampleAddress(name, email), type, index: nextRecipient++ };
}

let nextAttachment = 0;

export function sampleAttachment(overrides: Partial<AttachmentView> = {}): AttachmentView {
  const index = nextAttachment++;
  // Main decides the name and extension; a sample states them, or takes the file name's.
  const name = overrides.name ?? overrides.fileName ?? 'report.pdf';
  return {
    handle: `attachment-${index}`,
    index,
    name,
    isNameDerived: false,
    fileExtension: name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '',
    isReference: false,
    fileName: 'report.pdf',
    displayName: 'report.pdf',
    extension: '.pdf',
    mimeType: 'application/pdf',
    size: 2048,
    contentId: null,
    contentLocation: null,
    method: 'by-value',
    isHidden: false,
    isInline: false,
    reference: null,
    embeddedSubject: null,
    isEmbeddedMessage: false,
    openNeedsConfirmation: false,
    realType: '.pdf file',
    ...overrides,
  };
}

export function sampleMessage(overrides: Partial<MessageView> = {}): MessageView {
  return {
    handle: 'message-1',
    filePath: '/home/ann/report.msg',
    kind: 'note',
    messageClass: 'IPM.Note',
    subject: 'Quarterly report',
    sender: sampleAddress('Ann Barker', 'ann@example.com'),
    sentRepresenting: null,
    isSentOnBehalf: false,
    replyTo: [],
    recipients: [sampleRecipient('Bob Smith', 'bob@example.com')],
    sentDate: '2025-03-03T13:05:00.000Z',
    receivedDate: '2025-03-03T13:05:10.000Z',
    dateHeader: 'Mon, 3 Mar 2025 14:05:00 +0100',
    importance: 1,
    sensitivity: 0,
    flagStatus: null,
    categories: [],
    internetHeaders: null,
    body: { best: 'text', html: null, text: 'Hello', rtfText: null },
    attachments: [],
    itemFields: [],
    diagnostics: [],
    textEncoding: { codePage: 1252, isChosen: false, hasEightBitText: false },
    ...overrides,
  };
}

export function sampleGroups(owner = 'message-1'): PropertyGroupView[] {
  return [
    {
      title: 'Message',
      owner,
      recipientIndex: null,
      properties: [
        {
          tag: '0x0037001F',
          id: '0x0037',
          type: 'PT_UNICODE',
          name: 'PidTagSubject',
          named: null,
          preview: 'Quarterly report',
          isTruncated: false,
        },
        {
          tag: '0x10130102',
          id: '0x1013',
          type: 'PT_BINARY',
          name: 'PidTagHtml',
          named: null,
          preview: '3c 68 74 6d 6c … (1832 bytes)',
          isTruncated: true,
        },
        {
          tag: '0x8005001F',
          id: '0x8005',
          type: 'PT_UNICODE',
          name: 'PidNameKeywords',
          named: 'PS_PUBLIC_STRINGS "Keywords"',
          preview: '[Finance]',
          isTruncated: false,
        },
      ],
    },
    {
      title: 'Recipient 1 (Bob Smith)',
      owner,
      recipientIndex: 0,
      properties: [
        {
          tag: '0x3001001F',
          id: '0x3001',
          type: 'PT_UNICODE',
          name: 'PidTagDisplayName',
          named: null,
          preview: 'Bob Smith',
          isTruncated: true,
        },
      ],
    },
  ];
}

/** Lets pending promise callbacks and timers of 0 ms run (bridge answers, deferred renders). */
export async function settle(rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
