import { shallowRef } from 'vue';
import type { Handle, PropertyGroupView } from '../../src-main/contract/ipc-contract';
import { asBridgeError, bridge } from '../bridge';

/** The property inspector's data: every property group of a message, fetched once per message. */

export type PropertiesState =
  | { kind: 'idle' }
  | { kind: 'loading'; handle: Handle }
  | { kind: 'ready'; handle: Handle; groups: PropertyGroupView[] }
  | { kind: 'failed'; handle: Handle; message: string };

const state = shallowRef<PropertiesState>({ kind: 'idle' });

async function load(handle: Handle): Promise<void> {
  const current = state.value;
  if ((current.kind === 'loading' || current.kind === 'ready') && current.handle === handle) return;
  state.value = { kind: 'loading', handle };
  try {
    const groups = await bridge.properties(handle);
    if (state.value.kind === 'loading' && state.value.handle === handle) {
      state.value = { kind: 'ready', handle, groups };
    }
  } catch (error) {
    if (state.value.kind === 'loading' && state.value.handle === handle) {
      state.value = { kind: 'failed', handle, message: asBridgeError(error).message };
    }
  }
}

/** The whole value of one property ("Show full value"). */
function fullValue(group: PropertyGroupView, tag: string): Promise<string> {
  return bridge.propertyValue(group.owner, group.recipientIndex, tag);
}

export function useProperties() {
  return { state, load, fullValue };
}

export function resetProperties(): void {
  state.value = { kind: 'idle' };
}
