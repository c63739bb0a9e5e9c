// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_BRIDGE, bridge as rendererBridge } from '../../src-renderer/bridge';
import { useNotices } from '../../src-renderer/composables/notices';
import { resetSession, useSession } from '../../src-renderer/composables/session';
import { fail, installFakeBridge, ok, sampleMessage, settle } from './fake-bridge';

describe('useSession()', () => {
  afterEach(() => {
    resetSession();
    useNotices().notices.value = [];
    delete (window as { msgview?: unknown }).msgview;
  });

  describe('start()', () => {
    it('shows the welcome screen and recent files for a window without a file', async () => {
      installFakeBridge({ recentFiles: () => ok([{ path: '/a/b.msg', name: 'b.msg' }]) });
      const session = useSession();
      await session.start();
      expect(session.screen.value).toEqual({ kind: 'welcome' });
      expect(session.recentFiles.value).toEqual([{ path: '/a/b.msg', name: 'b.msg' }]);
    });

    it("shows the window's message", async () => {
      const message = sampleMessage();
      installFakeBridge({ currentMessage: () => ok(message) });
      const session = useSession();
      await session.start();
      expect(session.message.value).toEqual(message);
    });

    it('shows the error page when the file the window was opened for is broken', async () => {
      installFakeBridge({
        currentMessage: () =>
          fail({
            code: 'BAD_FILE',
            formatCode: 'NOT_CFB',
            message: 'header: expected D0 CF, found 50 4B',
          }),
      });
      const session = useSession();
      await session.start();
      expect(session.screen.value).toEqual({
        kind: 'error',
        failure: {
          fileName: null,
          code: 'BAD_FILE',
          formatCode: 'NOT_CFB',
          message: 'header: expected D0 CF, found 50 4B',
        },
      });
    });

    it('names the broken file on the error page when main says which it was', async () => {
      installFakeBridge({
        currentMessage: () =>
          fail({ code: 'BAD_FILE', formatCode: 'NOT_CFB', message: 'a PNG', fileName: 'x.msg' }),
      });
      const session = useSession();
      await session.start();
      expect(session.screen.value).toMatchObject({
        kind: 'error',
        failure: { fileName: 'x.msg', code: 'BAD_FILE' },
      });
    });

    it('says so when the page runs without the preload', async () => {
      const session = useSession();
      await session.start();
      expect(session.screen.value).toMatchObject({ kind: 'error', failure: { code: NO_BRIDGE } });
    });

    it('opens a file main asks it to open, through its own open call', async () => {
      const message = sampleMessage({ handle: 'opened-later' });
      const bridge = installFakeBridge({ openPath: () => ok(message) });
      const session = useSession();
      await session.start();
      bridge.emitOpenRequested('/home/ann/later.msg');
      await vi.waitFor(() => expect(session.message.value).toEqual(message));
      expect(bridge.callsOf('openPath')).toEqual([['/home/ann/later.msg']]);
    });
  });

  describe('openPath()', () => {
    it('names the file on the error page when it cannot be opened', async () => {
      installFakeBridge({ openPath: () => fail({ code: 'IO_ERROR', message: 'ENOENT' }) });
      const session = useSession();
      await session.start();
      await session.openPath('/home/ann/missing.msg');
      expect(session.screen.value).toMatchObject({
        kind: 'error',
        failure: { fileName: 'missing.msg', code: 'IO_ERROR' },
      });
    });

    it('keeps the shown message when main opens the file in another window (null)', async () => {
      const message = sampleMessage();
      const bridge = installFakeBridge({
        currentMessage: () => ok(message),
        openPath: () => ok(null),
      });
      const session = useSession();
      await session.start();
      await session.openPath('/home/ann/other.msg');
      expect(bridge.callsOf('openPath')).toEqual([['/home/ann/other.msg']]);
      expect(session.message.value).toEqual(message);
    });

    it('shows progress while opening and drops the answer of an open that a newer one replaced', async () => {
      const first = sampleMessage({ handle: 'first' });
      const second = sampleMessage({ handle: 'second' });
      let releaseFirst: () => void = () => {};
      installFakeBridge({
        openPath: (path) =>
          path === '/first.msg'
            ? new Promise((resolve) => (releaseFirst = () => resolve(ok(first))))
            : ok(second),
      });
      const session = useSession();
      await session.start();
      const slow = session.openPath('/first.msg');
      await settle();
      expect(session.pending.value).toEqual({ fileName: 'first.msg', showsScreen: true });
      await session.openPath('/second.msg');
      releaseFirst();
      await slow;
      expect(session.message.value?.handle).toBe('second');
      expect(session.pending.value).toBeNull();
    });
  });

  describe('readFraction', () => {
    it("follows main's reports while a file opens, and is forgotten once it has", async () => {
      let release: () => void = () => {};
      const message = sampleMessage();
      const bridge = installFakeBridge({
        openPath: () => new Promise((resolve) => (release = () => resolve(ok(message)))),
      });
      const session = useSession();
      await session.start();
      // A report with no open under way (a stray, late one) is ignored.
      bridge.emitOpenProgress(0.9);
      expect(session.readFraction.value).toBeNull();
      const opening = session.openPath('/home/ann/large.msg');
      await settle();
      expect(session.readFraction.value).toBeNull();
      bridge.emitOpenProgress(0.25);
      expect(session.readFraction.value).toBe(0.25);
      bridge.emitOpenProgress(1);
      expect(session.readFraction.value).toBe(1);
      release();
      await opening;
      expect(session.readFraction.value).toBeNull();
    });
  });

  describe('openDroppedFiles()', () => {
    it('opens the first dropped file by its path', async () => {
      const bridge = installFakeBridge();
      await useSession().openDroppedFiles([new File(['x'], 'a.msg'), new File(['y'], 'b.msg')]);
      expect(bridge.callsOf('openPath')).toEqual([['/dropped/a.msg']]);
      expect(useNotices().notices.value[0]?.text).toContain('first of the 2');
    });

    it('explains when a dropped item is not a file on disk', async () => {
      const bridge = installFakeBridge();
      bridge.pathForFile = () => null;
      await useSession().openDroppedFiles([new File(['x'], 'a.msg')]);
      expect(bridge.callsOf('openPath')).toEqual([]);
      expect(useNotices().notices.value[0]?.tone).toBe('error');
    });
  });

  describe('allowRemoteContent()', () => {
    it('remembers the permission per message, after main granted it', async () => {
      installFakeBridge();
      const session = useSession();
      await session.allowRemoteContent(sampleMessage({ handle: 'm1' }));
      expect(session.isRemoteAllowed('m1')).toBe(true);
      expect(session.isRemoteAllowed('m2')).toBe(false);
    });
  });
});

describe('bridge', () => {
  afterEach(() => {
    delete (window as { msgview?: unknown }).msgview;
  });

  it('unwraps a Result into its value, and an error into a BridgeError with its code', async () => {
    installFakeBridge({
      recentFiles: () => ok([]),
      openAttachment: () =>
        fail({ code: 'NEEDS_CONFIRMATION', message: 'risky', realType: '.exe file' }),
    });
    await expect(rendererBridge.recentFiles()).resolves.toEqual([]);
    await expect(rendererBridge.openAttachment('a', false)).rejects.toMatchObject({
      name: 'BridgeError',
      code: 'NEEDS_CONFIRMATION',
      realType: '.exe file',
    });
  });
});
