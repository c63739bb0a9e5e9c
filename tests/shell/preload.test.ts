import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_NAME, CHANNELS } from '../../src-main/contract/ipc-contract.js';

vi.mock('electron', () => import('./fake-electron.js'));

const fake = await import('./fake-electron.js');
await import('../../src-main/shell/preload.js');

describe('shell/preload', () => {
  const exposed = fake.contextBridge.exposed.get(BRIDGE_NAME) as Record<string, unknown>;

  it('exposes one object through contextBridge, and only under its own name', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual([BRIDGE_NAME]);
  });

  it('exposes a function per channel and the event subscriptions, never ipcRenderer', () => {
    expect(Object.keys(exposed).sort()).toEqual(
      [
        ...Object.keys(CHANNELS),
        'onOpenRequested',
        'onMenuCommand',
        'onOpenProgress',
        'pathForFile',
      ].sort(),
    );
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    expect(Object.values(exposed)).not.toContain(fake.ipcRenderer);
    expect(Object.isFrozen(exposed)).toBe(true);
  });

  it('sends each call on its own channel with its arguments', async () => {
    const invoke = vi
      .spyOn(fake.ipcRenderer, 'invoke')
      .mockResolvedValue({ ok: true, value: null } as never);
    await (exposed.openPath as (path: string) => Promise<unknown>)('/tmp/a.msg');
    expect(invoke).toHaveBeenCalledWith(CHANNELS.openPath, '/tmp/a.msg');
  });
});
