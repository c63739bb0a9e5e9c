/**
 * Long work on the window's thread without freezing it. A large mail body takes seconds to parse,
 * sanitize and lay out, and DOMPurify and the frame need the window's DOM, so the work cannot move
 * to a worker. Instead each step is written as a generator that yields wherever it may pause, with
 * how far it has got (0…1); a driver runs it either to the end at once (tests, small bodies) or in
 * slices of a few milliseconds, giving the window its turn between slices (input, painting, the
 * progress bar).
 */

/** Yields its progress (0…1) wherever it may pause; returns its result. */
export type SlicedJob<T> = Generator<number, T, void>;

/** Thrown by runInSlices when the job was cancelled (another message or body replaced it). */
export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

/** Runs a job to its end without pausing. */
export function runToEnd<T>(job: SlicedJob<T>): T {
  let step = job.next();
  while (!step.done) step = job.next();
  return step.value;
}

/**
 * Runs a sub-job inside another, its progress mapped onto [from, to] of the outer job:
 * `const doc = yield* phase(parseHtml(html), 0, 0.3)`.
 */
export function* phase<T>(job: SlicedJob<T>, from: number, to: number): SlicedJob<T> {
  let step = job.next();
  try {
    while (!step.done) {
      yield from + (to - from) * Math.min(1, Math.max(0, step.value));
      step = job.next();
    }
    return step.value;
  } finally {
    // The outer job was stopped here: stop the inner one too, so its finally blocks run.
    if (!step.done) job.return(undefined as never);
  }
}

export interface SliceOptions {
  /** Work this long before giving the window its turn. */
  sliceMs?: number;
  onProgress?: (fraction: number) => void;
  /** Asked between slices; true stops the job (its `finally` blocks run). */
  isCancelled?: () => boolean;
}

/**
 * Long enough that the pauses cost little, short enough that a key press or a frame of the
 * progress bar waits at most this long (the web's "long task" starts at 50 ms).
 */
export const DEFAULT_SLICE_MS = 12;

/**
 * Gives the event loop one turn: input, rendering, timers and IPC replies run before we continue.
 * A message to ourselves is an ordinary task, queued behind what is already waiting. Not
 * scheduler.yield(): its continuations go ahead of ordinary tasks, so timers and IPC replies would
 * wait for the whole job; not setTimeout(0) alone: nested timers are clamped to 4 ms each.
 */
function nextTurn(): Promise<void> {
  if (typeof MessageChannel === 'undefined') {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs a job in slices of about `sliceMs`, resolving with its result. */
export async function runInSlices<T>(job: SlicedJob<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let deadline = performance.now() + sliceMs;
  let step = job.next();
  while (!step.done) {
    if (performance.now() >= deadline) {
      options.onProgress?.(step.value);
      await nextTurn();
      if (options.isCancelled?.()) {
        job.return(undefined as never);
        throw new JobCancelledError();
      }
      deadline = performance.now() + sliceMs;
    }
    step = job.next();
  }
  options.onProgress?.(1);
  return step.value;
}
