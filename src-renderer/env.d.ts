/// <reference types="vite/client" />
import type { MsgViewBridge } from '../src-main/contract/ipc-contract';

declare global {
  interface Window {
    /**
     * The preload's API (BRIDGE_NAME in the contract). Only `bridge.ts` reads it; it is missing when
     * the page is opened in a plain browser, which `bridge.ts` reports as NO_BRIDGE.
     */
    msgview: MsgViewBridge;
  }
}
