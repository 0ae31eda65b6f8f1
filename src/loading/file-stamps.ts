/**
 * Stat fingerprints ("stamps") that stand in for a file's hash: `dev:ino:size:mtimeNs:ctimeNs`,
 * recorded only for a file whose ctime lies in an earlier timestamp tick than a probe file
 * written just before (`takeProbeTime`, `isSettled`). An edit made after the stamp then always
 * moves ctime — which no tool can set back — and an edit within the stamp's own tick cannot
 * happen, so a later run that finds the same stamp may take the recorded hash without reading
 * the file. Used by the verdict cache (src/output/cache.ts) for its inputs and outputs and by
 * the code cache (code-cache.ts) for the bundles it compiles and the entries it reads.
 */
import fs from "node:fs";
import path from "node:path";

/** A regular file's stamp and its ctime. */
export interface FileStat {
  readonly stat: string;
  readonly ctimeNs: bigint;
}

/**
 * A file's stamp (links followed when `followLinks`, else the link itself is stat'ed); undefined
 * when it is not a regular file. Throws what `stat` throws (a missing file).
 */
export function statFile(file: string, followLinks: boolean): FileStat | undefined {
  const st = followLinks ? fs.statSync(file, { bigint: true }) : fs.lstatSync(file, { bigint: true });
  if (!st.isFile()) return undefined;
  return { stat: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`, ctimeNs: st.ctimeNs };
}

/**
 * The file system's "now", in nanoseconds: the mtime of a probe file written in `dir`. A file
 * whose ctime is in an earlier tick than this cannot change from now on without its ctime
 * moving, whatever the file system's timestamp granularity. Undefined when the probe cannot be
 * written (then no stamp is proven).
 */
export function takeProbeTime(dir: string): bigint | undefined {
  const probe = path.join(dir, `.probe.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, "");
    return fs.statSync(probe, { bigint: true }).mtimeNs;
  } catch {
    return undefined;
  } finally {
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // best effort
    }
  }
}

// A file system whose timestamps have no sub-second part (FAT keeps 2 s) may round a ctime
// down by up to this much: such a file must be this much older than the probe to count.
const COARSE_TIMESTAMP_NS = 2_000_000_000n;

/** Whether a file of this ctime is settled relative to the probe time (see the module comment). */
export function isSettled(ctimeNs: bigint, probeNs: bigint): boolean {
  const margin = ctimeNs % 1_000_000_000n === 0n ? COARSE_TIMESTAMP_NS : 0n;
  return ctimeNs + margin < probeNs;
}
