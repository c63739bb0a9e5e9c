import type { Diagnostic, ErrorLocation, MsgFormatErrorCode } from '../errors.js';
import { MAX_CONTAINER_PROBLEMS } from '../limits.js';
import type { ScratchArena } from './scratch.js';

/**
 * How bad a container problem is:
 * - `fatal`: the bytes must not reach `cfb` (it could loop, exhaust memory or throw); the file is
 *   refused with this problem as the error.
 * - `damage`: part of the content is lost or unreliable (a chain cut where it left the file, a
 *   dropped directory link). Reported to the user as a diagnostic.
 * - `quirk`: a deviation from [MS-CFB] that real writers produce and that loses nothing (Outlook
 *   opens these files). Kept for `inspect`, not shown as a problem.
 */
export type ProblemSeverity = 'fatal' | 'damage' | 'quirk';

export interface ContainerProblem extends Diagnostic {
  severity: ProblemSeverity;
  /** True when the bytes handed to `cfb` were patched because of this problem. */
  repaired: boolean;
}

/** Stops the check at a fatal problem. Caught by `checkContainer`; never escapes it. */
export class FatalContainerProblem extends Error {
  constructor(readonly problem: ContainerProblem) {
    super(problem.message);
  }
}

/**
 * The state of one check pass: the bytes being read, the problems found, and a copy-on-write
 * repaired copy. The input array is never written; the first repair copies it, and every later read
 * sees the repaired bytes, so each stage reads what `cfb` will read.
 */
export class CheckContext {
  readonly problems: ContainerProblem[] = [];
  private copy: Uint8Array | undefined;
  private view: DataView;
  private omitted = 0;

  constructor(
    private readonly input: Uint8Array,
    /** Temporary arrays for this pass. */
    readonly scratch: ScratchArena,
  ) {
    this.view = viewOf(input);
  }

  /** The current bytes: the repaired copy once there is one, else the input. */
  get bytes(): Uint8Array {
    return this.copy ?? this.input;
  }

  get repaired(): Uint8Array | undefined {
    return this.copy;
  }

  u8(offset: number): number {
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    return this.view.getUint32(offset, true);
  }

  /** Extends the copy with zero bytes up to `length` (a trailing partial sector). */
  padTo(length: number): void {
    const padded = new Uint8Array(length);
    padded.set(this.bytes.subarray(0, Math.min(length, this.bytes.length)));
    this.replaceWith(padded);
  }

  writeU8(offset: number, value: number): void {
    this.ensureCopy();
    this.view.setUint8(offset, value);
  }

  writeU32(offset: number, value: number): void {
    this.ensureCopy();
    this.view.setUint32(offset, value >>> 0, true);
  }

  /** Records a problem that does not stop the check. */
  report(
    severity: Exclude<ProblemSeverity, 'fatal'>,
    code: MsgFormatErrorCode,
    message: string,
    where: ErrorLocation = {},
    repaired = false,
  ): void {
    if (this.problems.length >= MAX_CONTAINER_PROBLEMS) {
      this.omitted++;
      return;
    }
    this.problems.push({ severity, code, message, where, repaired });
  }

  /** Records a fatal problem and stops the check. */
  fatal(code: MsgFormatErrorCode, message: string, where: ErrorLocation = {}): never {
    const problem: ContainerProblem = { severity: 'fatal', code, message, where, repaired: false };
    this.problems.push(problem);
    throw new FatalContainerProblem(problem);
  }

  /** Adds one line for the problems left out once `MAX_CONTAINER_PROBLEMS` was reached. */
  finish(): void {
    if (this.omitted === 0) return;
    this.problems.push({
      severity: 'damage',
      code: 'LIMIT_EXCEEDED',
      message: `compound file: ${this.omitted} further problems not listed (at most ${MAX_CONTAINER_PROBLEMS} are)`,
      where: {},
      repaired: false,
    });
    this.omitted = 0;
  }

  private ensureCopy(): void {
    if (!this.copy) this.replaceWith(this.input.slice());
  }

  private replaceWith(bytes: Uint8Array): void {
    this.copy = bytes;
    this.view = viewOf(bytes);
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
