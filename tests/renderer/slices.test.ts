import { describe, expect, it } from 'vitest';
import type { SlicedJob } from '../../src-renderer/body-frame/slices';
import {
  JobCancelledError,
  phase,
  runInSlices,
  runToEnd,
} from '../../src-renderer/body-frame/slices';

/** A job of `steps` steps, each taking about `stepMs` of busy time; it logs what happens to it. */
function* busyJob(steps: number, stepMs: number, log: string[]): SlicedJob<string> {
  try {
    for (let step = 1; step <= steps; step += 1) {
      const until = performance.now() + stepMs;
      while (performance.now() < until) {
        // busy, like parsing or sanitizing
      }
      log.push(`step ${step}`);
      yield step / steps;
    }
    return 'result';
  } finally {
    log.push('finally');
  }
}

describe('slices', () => {
  describe('runToEnd()', () => {
    it('runs every step at once and returns the result', () => {
      const log: string[] = [];
      expect(runToEnd(busyJob(3, 0, log))).toBe('result');
      expect(log).toEqual(['step 1', 'step 2', 'step 3', 'finally']);
    });
  });

  describe('phase()', () => {
    it("maps a sub-job's progress onto its share of the outer job", () => {
      function* outer(): SlicedJob<string> {
        const first = yield* phase(busyJob(2, 0, []), 0, 0.4);
        const second = yield* phase(busyJob(4, 0, []), 0.4, 1);
        return `${first}+${second}`;
      }
      const job = outer();
      const seen: number[] = [];
      let step = job.next();
      for (; !step.done; step = job.next()) seen.push(Math.round(step.value * 100) / 100);
      expect(seen).toEqual([0.2, 0.4, 0.55, 0.7, 0.85, 1]);
      expect(step.value).toBe('result+result');
    });
  });

  describe('runInSlices()', () => {
    it('lets other work run between slices, and resolves with the result', async () => {
      const log: string[] = [];
      // Scheduled before the job starts: it runs in the first pause, long before the end.
      setTimeout(() => log.push('timer'), 0);
      const result = await runInSlices(busyJob(6, 5, log), { sliceMs: 8 });
      expect(result).toBe('result');
      const timerAt = log.indexOf('timer');
      expect(timerAt).toBeGreaterThan(0);
      expect(timerAt).toBeLessThan(log.indexOf('step 6'));
    });

    it('reports rising progress at each pause, ending at 1', async () => {
      const progress: number[] = [];
      await runInSlices(busyJob(8, 3, []), {
        sliceMs: 1,
        onProgress: (fraction) => progress.push(fraction),
      });
      expect(progress.length).toBeGreaterThanOrEqual(4);
      expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).toBe(
        true,
      );
      expect(progress.at(-1)).toBe(1);
    });

    it('stops a cancelled job at the next pause, running its finally blocks', async () => {
      const log: string[] = [];
      let isCancelled = false;
      const running = runInSlices(busyJob(100, 2, log), {
        sliceMs: 1,
        isCancelled: () => isCancelled,
      });
      setTimeout(() => (isCancelled = true), 0);
      await expect(running).rejects.toBeInstanceOf(JobCancelledError);
      expect(log.at(-1)).toBe('finally');
      expect(log.filter((entry) => entry.startsWith('step')).length).toBeLessThan(100);
    });

    it('stops a sub-job of a cancelled job too, running its finally blocks', async () => {
      const log: string[] = [];
      function* outer(): SlicedJob<string> {
        try {
          return yield* phase(busyJob(100, 2, log), 0, 1);
        } finally {
          log.push('outer finally');
        }
      }
      let isCancelled = false;
      const running = runInSlices(outer(), { sliceMs: 1, isCancelled: () => isCancelled });
      setTimeout(() => (isCancelled = true), 0);
      await expect(running).rejects.toBeInstanceOf(JobCancelledError);
      expect(log.slice(-2)).toEqual(['finally', 'outer finally']);
    });

    it('runs a short job within one slice, without pausing', async () => {
      const progress: number[] = [];
      const log: string[] = [];
      setTimeout(() => log.push('timer'), 0);
      await runInSlices(busyJob(3, 0, log), { onProgress: (fraction) => progress.push(fraction) });
      expect(log).toEqual(['step 1', 'step 2', 'step 3', 'finally']);
      expect(progress).toEqual([1]);
    });
  });
});
