import type { EntityManager } from '@mikro-orm/core';
import { discloseCount } from '../../kit/stats/disclosure';
import { PlacementStatus } from '../../subgraphs/placements/entities/enums';
import { Placement } from '../../subgraphs/placements/entities/placement';

/**
 * The count a caller without exact counts is shown for a cell whose records have these ids: the
 * documented cell-key function (kit/stats/disclosure.ts), computed here from rows read directly
 * from the database, never from the answer under test.
 */
export const published = (ids: readonly number[]): number => discloseCount(ids, false);

/** Ids of rows grouped by a key of each row. */
export function idsBy<T extends { id: number }>(rows: readonly T[], key: (row: T) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, [...(out.get(k) ?? []), row.id]);
  }
  return out;
}

/** The published cells of a grouping: key → published count, cells published as 0 left out (as the API does). */
export function publishedCells(groups: Map<string, number[]>): Map<string, number> {
  return new Map([...groups].map(([k, ids]) => [k, published(ids)] as [string, number]).filter(([, n]) => n > 0));
}

/** The published placements of each month (1–12) of a commune's year, from the placement rows of the database. */
export async function publishedPlacementsByMonth(em: EntityManager, commune: string, year: number): Promise<number[]> {
  const rows = await em.find(
    Placement,
    { communeCode: commune, year, status: { $ne: PlacementStatus.CANCELLED } },
    { fields: ['id', 'month'] },
  );
  const byMonth = idsBy(rows, (p) => String(p.month));
  return Array.from({ length: 12 }, (_, i) => published(byMonth.get(String(i + 1)) ?? []));
}
