import { parseArgs } from 'node:util';
import { dirname, resolve } from 'node:path';
import { runConformance } from './conformance.js';

/**
 * `npm run conformance -- --expected PATH --root DIR`: the corpus check over any expected.json in the
 * corpus format. Prints each mismatch, then one summary line. Exit 0 when every labelled field of
 * every readable file matches and every broken file is handled; 1 otherwise.
 */
const { values } = parseArgs({
  options: {
    expected: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../../shared/corpus/expected.json'),
    },
    root: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const expectedPath = resolve(values.expected!);
const root = resolve(values.root ?? dirname(expectedPath));
const report = await runConformance({ expectedPath, root });
for (const file of report.files) {
  if (file.broken) {
    if (!file.brokenOk || values.verbose) {
      console.log(
        `${file.brokenOk ? 'ok  ' : 'FAIL'} broken file ${file.file}: ${file.error ?? 'parsed with diagnostics'} (${file.ms.toFixed(0)} ms)`,
      );
    }
    continue;
  }
  if (file.error) console.log(`FAIL ${file.file}: ${file.error}`);
  for (const mismatch of file.mismatches) {
    const tag =
      mismatch.label === 'single-parser' ? 'note' : mismatch.knownReason ? 'known' : 'FAIL';
    console.log(
      `${tag.padEnd(5)}${mismatch.file} ${mismatch.field} [${mismatch.label}]: expected ${JSON.stringify(mismatch.expected)}, got ${JSON.stringify(mismatch.actual)}`,
    );
  }
}
console.log(report.summaryLine);
const allGood =
  report.fields.matching === report.fields.total &&
  report.cleanFiles.clean === report.cleanFiles.total &&
  report.brokenFiles.ok === report.brokenFiles.total;
process.exitCode = allGood ? 0 : 1;
