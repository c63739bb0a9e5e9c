/**
 * Temporary typed arrays for one pass of the container check, cut from one reusable buffer. A new
 * typed array of more than a few elements costs an allocation outside the JS heap — about ten
 * times what a view of an existing buffer costs — and a pass needs a dozen per file (seen sets,
 * chain maps, the path builder's queues). Arrays handed out are zero-filled and valid until
 * `release()`; nothing that outlives the pass (the FAT, the mini FAT) may come from here.
 */
export class ScratchArena {
  private buffer: ArrayBuffer;
  private used = 0;
  private isInUse = false;

  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }

  /** The shared arena, or a private one while the shared one is in use (a check within a check). */
  static acquire(): ScratchArena {
    const arena = shared.isInUse ? new ScratchArena(INITIAL_BYTES) : shared;
    arena.isInUse = true;
    arena.used = 0;
    return arena;
  }

  /** Gives the arena back; the arrays it handed out must no longer be used. */
  release(): void {
    this.isInUse = false;
    // A huge file's buffer is not kept for the next one.
    if (this === shared && this.buffer.byteLength > MAX_KEPT_BYTES) {
      this.buffer = new ArrayBuffer(INITIAL_BYTES);
    }
  }

  uint8(length: number): Uint8Array {
    return new Uint8Array(this.take(length), this.used - length, length);
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.take(length * 4), this.used - length * 4, length);
  }

  uint32(length: number): Uint32Array {
    return new Uint32Array(this.take(length * 4), this.used - length * 4, length);
  }

  /** Reserves `bytes` zeroed bytes (4-aligned) at the end of the used part; returns the buffer. */
  private take(bytes: number): ArrayBuffer {
    const start = alignUp(this.used);
    if (start + bytes > this.buffer.byteLength) {
      // Views handed out keep the old buffer alive; later ones come from a larger one.
      this.buffer = new ArrayBuffer(Math.max(bytes, this.buffer.byteLength * 2));
      this.used = bytes;
      return this.buffer;
    }
    new Uint8Array(this.buffer, start, bytes).fill(0);
    this.used = start + bytes;
    return this.buffer;
  }
}

const INITIAL_BYTES = 64 * 1024;
/** Above this, the shared buffer is dropped after use: one large file must not pin memory. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;
const ALIGNMENT = 4;

function alignUp(offset: number): number {
  return (offset + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
}

const shared = new ScratchArena(INITIAL_BYTES);
