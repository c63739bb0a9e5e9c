import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from './conformance.js';
import { runConformance } from './conformance.js';

/**
 * Conformance with `../shared/corpus/expected.json`: every field labelled upstream-test,
 * upstream-snapshot or two-parsers-agree must match on every file; broken files must be rejected
 * with a typed error (or partly read with diagnostics) quickly. `npm run conformance` runs the same
 * check and prints every mismatch; single-parser fields are counted, never failed.
 */
const corpusRoot = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

describe('corpus conformance', () => {
  let report: ConformanceReport;

  beforeAll(async () => {
    report = await runConformance({ expectedPath: `${corpusRoot}expected.json`, root: corpusRoot });
    console.log(report.summaryLine);
  }, 180_000);

  it('reads all 128 files of the corpus', () => {
    expect(report.files).toHaveLength(128);
  });

  it('matches every labelled field, apart from the recorded known differences', () => {
    const unexplained = report.files.flatMap((file) =>
      file.mismatches.filter(
        (mismatch) => mismatch.label !== 'single-parser' && !mismatch.knownReason,
      ),
    );
    expect(unexplained).toEqual([]);
  });

  it('reads every readable file without an error', () => {
    const failures = report.files
      .filter((file) => !file.broken && file.error)
      .map((file) => `${file.file}: ${file.error}`);
    expect(failures).toEqual([]);
  });

  it('rejects or partly recovers each broken file, quickly and with a typed error', () => {
    const mishandled = report.files
      .filter((file) => file.broken && !file.brokenOk)
      .map((file) => `${file.file}: ${file.error}`);
    expect(mishandled).toEqual([]);
    expect(report.brokenFiles.total).toBe(3);
  });

  it('names the PNG renamed .msg as what it is', () => {
    const png = report.files.find((file) => file.file === 'python-oxmsg/not-a-MSG-file.msg');
    expect(png?.error).toMatch(/PNG/);
  });
});
