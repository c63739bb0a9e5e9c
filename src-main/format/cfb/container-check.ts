import { MsgFormatError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { MAX_FILE_SIZE } from '../limits.js';
import { mapChains, readDifat, readFat, readMiniFat, separateChainStarts } from './allocation.js';
import type { ChainMap, Fat } from './allocation.js';
import { CheckContext, FatalContainerProblem } from './check-context.js';
import type { ContainerProblem } from './check-context.js';
import { linkTree, readDirectory } from './directory.js';
import type { DirectoryEntry, DirectoryTree } from './directory.js';
import { readGeometry, readHeader } from './header.js';
import type { CompoundFileHeader } from './header.js';
import type { SectorGeometry } from './sector-numbers.js';
import { ScratchArena } from './scratch.js';
import { FREESECT } from './sector-numbers.js';
import { checkStreamChains } from './stream-chains.js';
import type { StreamLayout } from './stream-reader.js';

export type { ContainerProblem, ProblemSeverity } from './check-context.js';
export type { DirectoryEntry, DirectoryTree } from './directory.js';

/**
 * Repairs can uncover or cause further ones (a FAT sector that is also a directory sector, say), so
 * the check runs again on the repaired copy until a pass changes nothing. Real files settle in two
 * passes; a file that has not settled after this many is refused.
 */
const MAX_CHECK_PASSES = 4;

/** The structures one pass of the check has read and verified, for an extra check to look at. */
export interface ContainerStructures {
  header: CompoundFileHeader;
  geometry: SectorGeometry;
  /** FAT sector list, in DIFAT order. */
  fatSectors: number[];
  fat: Fat;
  chains: ChainMap;
  entries: DirectoryEntry[];
}

export interface ContainerCheckOptions {
  /**
   * A further check of bytes the spec checks accepted and no repair changed, which may report
   * problems (fatal ones refuse the file). The app passes none; the tests pass the simulation of
   * the `cfb` package's hazards, so that their second reader is only ever given bytes it survives.
   */
  extraCheck?: (context: CheckContext, structures: ContainerStructures) => void;
}

export interface ContainerCheck {
  /** Major version (3 or 4), once the header could be read. */
  version: 3 | 4 | undefined;
  /** 512 or 4096; 0 when the header could not be read. */
  sectorSize: number;
  /** Sectors after the header. */
  sectorCount: number;
  /** Slots in the directory stream, unused ones included. */
  entryCount: number;
  /** Everything found, in the order found; repairs of later passes included. */
  problems: ContainerProblem[];
  /** True when a problem is fatal: the file cannot be read safely. */
  fatal: boolean;
  /** The repaired copy when a repair was made (the input is never written), else undefined. */
  repaired: Uint8Array | undefined;
  /** The storage tree of the final bytes; undefined when a fatal problem stopped the check. */
  tree: DirectoryTree | undefined;
  /** Where the streams of the final bytes are; undefined when a fatal problem stopped the check. */
  layout: StreamLayout | undefined;
}

/**
 * Reads the compound file structure in spec order and decides whether its streams can be read
 * safely: every chain is walked with a seen set, every directory link checked. Quirks and damage
 * it can mend go into a repaired copy; the rest is fatal. Throws `NOT_CFB` when the bytes are not
 * a compound file at all.
 * @see [MS-CFB] 2.2 – 2.6
 */
export function checkContainer(
  bytes: Uint8Array,
  options: ContainerCheckOptions = {},
): ContainerCheck {
  const problems: ContainerProblem[] = [];
  const known = new Set<string>();
  let current = bytes;
  for (let pass = 1; ; pass++) {
    const outcome = checkOnce(current, options);
    for (const problem of outcome.problems) {
      // Later passes check repaired bytes: what they find besides new repairs and fatal problems
      // restates the first pass (a cut stream is still short) and is left out.
      if (pass > 1 && problem.severity !== 'fatal' && !problem.repaired) continue;
      const key = `${problem.severity}|${problem.code}|${problem.message}`;
      if (known.has(key)) continue;
      known.add(key);
      problems.push(problem);
    }
    const result: ContainerCheck = {
      // Field by field: a spread of `shape` was a quarter of the check's time on small files.
      version: outcome.shape.version,
      sectorSize: outcome.shape.sectorSize,
      sectorCount: outcome.shape.sectorCount,
      entryCount: outcome.shape.entryCount,
      problems,
      fatal: outcome.isFatal,
      repaired: current === bytes ? undefined : current,
      tree: outcome.isFatal ? undefined : outcome.tree,
      layout: outcome.isFatal ? undefined : outcome.layout,
    };
    if (outcome.isFatal || !outcome.repaired) return result;
    if (pass === MAX_CHECK_PASSES) {
      problems.push({
        severity: 'fatal',
        code: 'CORRUPT_CONTAINER',
        message: `compound file: still finding damage to repair after ${MAX_CHECK_PASSES} passes`,
        where: {},
        repaired: false,
      });
      return { ...result, fatal: true, tree: undefined, layout: undefined };
    }
    current = outcome.repaired;
  }
}

export interface CheckedCompoundFile {
  /** The checked bytes: the input itself, or a repaired copy. */
  bytes: Uint8Array;
  /** Problems that cost content (severity `damage`), for the user. */
  diagnostics: Diagnostic[];
  /** Every problem, quirks included (for `inspect`). */
  problems: ContainerProblem[];
  /** The checked storage tree of `bytes`. */
  tree: DirectoryTree;
  /** Where the streams of `bytes` are, for the stream reader. */
  layout: StreamLayout;
}

/**
 * The gate in front of every stream read: returns bytes whose chains our stream reader can follow
 * without hanging, exhausting memory or throwing, or throws the first fatal problem as a
 * `MsgFormatError` (`NOT_CFB`, `TRUNCATED`, `CORRUPT_CONTAINER`, `LIMIT_EXCEEDED`).
 */
export function checkCompoundFile(
  bytes: Uint8Array,
  options: ContainerCheckOptions = {},
): CheckedCompoundFile {
  const check = checkContainer(bytes, options);
  const fatal = check.problems.find((problem) => problem.severity === 'fatal');
  if (fatal || !check.tree || !check.layout) {
    const problem = fatal ?? {
      code: 'CORRUPT_CONTAINER' as const,
      message: 'compound file: unreadable',
      where: {},
    };
    throw new MsgFormatError(problem.code, problem.message, problem.where);
  }
  return {
    bytes: check.repaired ?? bytes,
    diagnostics: check.problems
      .filter((problem) => problem.severity === 'damage')
      .map(({ code, message, where }) => ({ code, message, where })),
    problems: check.problems,
    tree: check.tree,
    layout: check.layout,
  };
}

interface PassOutcome {
  shape: Pick<ContainerCheck, 'version' | 'sectorSize' | 'sectorCount' | 'entryCount'>;
  problems: ContainerProblem[];
  isFatal: boolean;
  repaired: Uint8Array | undefined;
  tree: DirectoryTree | undefined;
  /** Set when the pass got through every stream's chain. */
  layout: StreamLayout | undefined;
}

/** One pass over the structures, in the order each needs the one before. */
function checkOnce(bytes: Uint8Array, options: ContainerCheckOptions): PassOutcome {
  const scratch = ScratchArena.acquire();
  try {
    return checkOnceWith(new CheckContext(bytes, scratch), options);
  } finally {
    scratch.release();
  }
}

function checkOnceWith(context: CheckContext, options: ContainerCheckOptions): PassOutcome {
  const bytes = context.bytes;
  const shape: PassOutcome['shape'] = {
    version: undefined,
    sectorSize: 0,
    sectorCount: 0,
    entryCount: 0,
  };
  let tree: DirectoryTree | undefined;
  let layout: StreamLayout | undefined;
  let isFatal = false;
  try {
    if (bytes.length > MAX_FILE_SIZE) {
      context.fatal(
        'LIMIT_EXCEEDED',
        `file size: expected at most ${MAX_FILE_SIZE} bytes, found ${bytes.length}`,
      );
    }
    // [MS-CFB] 2.2 header, and the sector layout it implies
    const header = readHeader(context);
    shape.version = header.majorVersion;
    const geometry = readGeometry(context, header);
    shape.sectorSize = geometry.sectorSize;
    shape.sectorCount = geometry.sectorCount;
    // [MS-CFB] 2.5 DIFAT, then 2.3 FAT: where every chain goes
    const fatSectors = readDifat(context, header, geometry);
    const fat = readFat(context, geometry, fatSectors);
    // [MS-CFB] 2.6 directory, whose root entry says where the mini stream starts
    const entries = readDirectory(context, header, geometry, fat);
    shape.entryCount = entries.length;
    separateChainStarts(context, geometry, fat, [
      { sector: fatSectors[0] ?? FREESECT, what: 'the FAT' },
      { sector: header.firstMiniFatSector, what: 'the mini FAT' },
      { sector: entries[0]?.start ?? FREESECT, what: 'the mini stream' },
    ]);
    const chains = mapChains(context, geometry, fat);
    // [MS-CFB] 2.6.4 the storage tree
    tree = linkTree(context, entries);
    // [MS-CFB] 2.4 mini FAT, then every stream's sectors
    const miniFat = readMiniFat(context, header, geometry, fat);
    const miniStreamSectors = checkStreamChains(context, geometry, fat, chains, miniFat, tree);
    // The caller's extra check. Only meaningful for bytes this pass left alone: after a repair
    // another pass follows and decides on the repaired bytes.
    if (options.extraCheck && !context.repaired)
      options.extraCheck(context, { header, geometry, fatSectors, fat, chains, entries });
    // Only the last pass's layout is used, and the last pass repairs nothing: the tables describe
    // the bytes as they are.
    layout = {
      bytes: context.bytes,
      geometry,
      fat: fat.next,
      miniFat: miniFat?.next,
      miniStreamSectors,
    };
  } catch (error) {
    if (!(error instanceof FatalContainerProblem)) throw error;
    isFatal = true;
  }
  context.finish();
  return { shape, problems: context.problems, isFatal, repaired: context.repaired, tree, layout };
}
