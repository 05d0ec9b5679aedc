import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import { DEFAULT_TUNING, PointIndex, type SavedPointIndex } from './point-index';

/**
 * Bumped whenever how points are indexed changes (point-terms.ts, the fields, minisearch's version, pinned at
 * 7.2.0), so an index saved by older code is never loaded.
 */
export const POINT_INDEX_VERSION = 'points-v1-minisearch-7.2.0';

/**
 * The point indexes `npm run build` saves (dist/point-indexes.json), each under a fingerprint of the council data
 * it was made from, so that start-up loads them instead of reading and stemming every point and clause (about a
 * quarter of a second of start-up). A council whose points, clauses or role titles changed since the build has no
 * entry and is indexed at start-up as before; an index is only ever an optimisation.
 */
export class PointIndexCache {
  private constructor(private readonly entries: ReadonlyMap<string, SavedPointIndex>) {}

  /** The cache saved at `file`, or null when there is none or it cannot be used. */
  static load(file: string): PointIndexCache | null {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; entries?: Record<string, SavedPointIndex> };
      if (saved.version !== POINT_INDEX_VERSION || typeof saved.entries !== 'object' || saved.entries === null) return null;
      const entries = new Map<string, SavedPointIndex>();
      for (const [fingerprint, entry] of Object.entries(saved.entries)) {
        if (typeof entry?.index === 'string' && Array.isArray(entry.vocabulary)) entries.set(fingerprint, entry);
      }
      return new PointIndexCache(entries);
    } catch {
      return null;
    }
  }

  /** Indexes every council's points and saves them at `file`; returns how many were saved. */
  static save(file: string, councils: readonly CouncilKnowledge[]): number {
    const entries: Record<string, SavedPointIndex> = {};
    for (const council of councils) entries[pointIndexFingerprint(council)] = new PointIndex(council).toSaved();
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: POINT_INDEX_VERSION, entries }));
    renameSync(temporary, file);
    return Object.keys(entries).length;
  }

  /** The index saved for this council's data as it is now, if there is one. */
  savedFor(council: CouncilKnowledge): SavedPointIndex | undefined {
    return this.entries.get(pointIndexFingerprint(council));
  }
}

/** A hash of everything a council's point index is made from: its points, its clauses' words and its role names. */
export function pointIndexFingerprint(council: CouncilKnowledge): string {
  const inputs = {
    version: POINT_INDEX_VERSION,
    tuning: DEFAULT_TUNING,
    points: council.points,
    clauses: council.clauses.map((clause) => [clause.id, clause.text]),
    roles: council.profile.roles,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
