import { MsgFormatError } from './errors.js';

/**
 * A bounds-checked little-endian cursor over one stream. Every read checks that the bytes exist and
 * otherwise throws a `TRUNCATED` error naming the stream and the offset, so no parser reads garbage
 * past the end of a short stream.
 */
export class ByteReader {
  /** For floats and 64-bit integers; made on first use (readers are made per stream and value). */
  private dataView: DataView | undefined;
  position = 0;

  constructor(
    readonly bytes: Uint8Array,
    /** Stream name used in error messages. */
    readonly streamName = '',
  ) {}

  private get view(): DataView {
    this.dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.dataView;
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  seek(position: number): this {
    if (position < 0 || position > this.bytes.length) this.fail(position - this.position, position);
    this.position = position;
    return this;
  }

  skip(count: number): this {
    return this.seek(this.need(count) + count);
  }

  u8(): number {
    const at = this.need(1);
    this.position = at + 1;
    return this.bytes[at]!;
  }

  u16(): number {
    const at = this.need(2);
    this.position = at + 2;
    return this.bytes[at]! | (this.bytes[at + 1]! << 8);
  }

  i16(): number {
    return (this.u16() << 16) >> 16;
  }

  u32(): number {
    return this.i32() >>> 0;
  }

  i32(): number {
    const at = this.need(4);
    this.position = at + 4;
    const bytes = this.bytes;
    return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  }

  i64(): bigint {
    const at = this.need(8);
    this.position = at + 8;
    return this.view.getBigInt64(at, true);
  }

  u64(): bigint {
    const at = this.need(8);
    this.position = at + 8;
    return this.view.getBigUint64(at, true);
  }

  f32(): number {
    const at = this.need(4);
    this.position = at + 4;
    return this.view.getFloat32(at, true);
  }

  f64(): number {
    const at = this.need(8);
    this.position = at + 8;
    return this.view.getFloat64(at, true);
  }

  /** A view (not a copy) of the next `count` bytes. */
  bytesView(count: number): Uint8Array {
    const at = this.need(count);
    this.position = at + count;
    return this.bytes.subarray(at, at + count);
  }

  /** Checks that `count` bytes remain and returns the current position. */
  private need(count: number): number {
    if (!Number.isInteger(count) || count < 0 || count > this.remaining) {
      this.fail(count, this.position);
    }
    return this.position;
  }

  private fail(count: number, at: number): never {
    throw new MsgFormatError(
      'TRUNCATED',
      `${this.streamName || 'stream'}: expected ${count} more bytes at offset ${at}, found ${Math.max(0, this.bytes.length - at)}`,
      { stream: this.streamName, offset: at },
    );
  }
}
