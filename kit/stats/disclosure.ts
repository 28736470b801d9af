import type { Viewer } from '../context';

/** Cells under this many people are suppressed for callers without exact access. */
export const SUPPRESSION_THRESHOLD = 5;

/** Analysts and admins see exact counts; everyone else gets small cells suppressed. */
export function exactCounts(viewer: Viewer | null): boolean {
  return Boolean(viewer?.roles.some((r) => r === 'analyst' || r === 'admin'));
}

/** A count of people, or null (suppressed) when under the threshold for this viewer. */
export function disclose(count: number | null, exact: boolean): number | null {
  if (count === null) return null;
  return exact || count === 0 || count >= SUPPRESSION_THRESHOLD ? count : null;
}
