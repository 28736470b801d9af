import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { disclose, exactCounts, groupRows, inList, keyName, statConditions, statKeys } from '../../../kit/stats';
import { PlacementGoal } from '../entities/placement-goal';
import { Placement } from '../entities/placement';
import { PlacementDimension as D, PlacementStatsRow } from '../entities/placement-stats';
import { PlacementStatsArgs, type PlacementStatsFilter } from '../inputs/stats-args';
import type { PlacementsLoaders } from '../loaders';

type Ctx = Context<PlacementsLoaders>;

// Every dimension is a column of the placement row (snapshotted when it was registered).
const COLUMNS: Record<D, string> = {
  [D.YEAR]: 't.year', [D.MONTH]: 't.month', [D.COMMUNE]: 't.omil_commune_code', [D.PROVINCE]: 't.province_code',
  [D.SECTOR]: 't.sector', [D.OCCUPATION_MAJOR_GROUP]: 't.occupation_major_group', [D.SEX]: 't.sex',
  [D.AGE_BAND]: 't.age_band', [D.CONTRACT_TYPE]: 't.contract_type',
};
const GOAL_COLUMNS: Partial<Record<D, string>> = { [D.YEAR]: 't.year', [D.COMMUNE]: 't.commune_code', [D.PROVINCE]: 't.province_code' };

/** Goals exist per commune and year: only cells cut by year, commune and province have one. */
function goalsApply(groupBy: D[], filter: PlacementStatsFilter | undefined): boolean {
  const onlyTerritoryAndYear = groupBy.every((d) => d in GOAL_COLUMNS);
  const f = filter ?? {};
  const narrowing = [f.months, f.sectors, f.occupationMajorGroups, f.sexes, f.ageBands, f.contractTypes].some((l) => l?.length) || f.from || f.to;
  return onlyTerritoryAndYear && !narrowing;
}

const keyOf = (row: Record<string, unknown>, dims: D[]) => JSON.stringify(dims.map((d) => String(row[keyName(d)])));

@Resolver()
export class PlacementStatsResolver {
  @Query(() => [PlacementStatsRow], {
    description:
      'Placements grouped by any combination of dimensions, filtered; one SQL GROUP BY. Cells of fewer than 5 people are suppressed for the public and partners.',
  })
  async placementStats(@Args() { filter, groupBy }: PlacementStatsArgs, @Ctx() ctx: Ctx): Promise<PlacementStatsRow[]> {
    const dims = [...new Set(groupBy)];
    const byYear = dims.includes(D.YEAR);
    // With YEAR grouped, the previous years come in the same GROUP BY, for the year-over-year change.
    const years = filter?.years && byYear ? [...new Set(filter.years.flatMap((y) => [y, y - 1]))] : filter?.years;
    const rows = await groupRows({
      em: ctx.em, entity: Placement, dimensions: COLUMNS, groupBy: dims, measures: { placements: 'count(*)' },
      where: statConditions(COLUMNS, filter, 't.start_date', { years }),
    });
    const goals = new Map<string, number>();
    if (goalsApply(dims, filter)) {
      const goalRows = await groupRows({
        em: ctx.em, entity: PlacementGoal, dimensions: GOAL_COLUMNS as Record<D, string>, groupBy: dims,
        where: [...inList('t.year', years), ...inList('t.commune_code', filter?.communes), ...inList('t.province_code', filter?.provinces)],
        measures: { goal: 'sum(t.goal)' },
      });
      for (const g of goalRows) goals.set(keyOf(g, dims), Number(g.goal));
    }
    const counts = new Map(rows.map((r) => [keyOf(r, dims), Number(r.placements)]));
    const yearsWithData = new Set(rows.map((r) => Number(r.year)));
    const exact = exactCounts(ctx.viewer);
    const asked = filter?.years ? new Set(filter.years) : null;
    return rows
      .filter((r) => !byYear || !asked || asked.has(Number(r.year)))
      .map((r) => {
        const n = Number(r.placements);
        const placements = disclose(n, exact);
        const goal = goals.has(keyOf(r, dims)) ? goals.get(keyOf(r, dims))! : null;
        let previous: number | null = null;
        // A from/to range cuts years unevenly: no like-for-like previous year then.
        if (byYear && !filter?.from && !filter?.to && yearsWithData.has(Number(r.year) - 1)) {
          previous = counts.get(keyOf({ ...r, year: Number(r.year) - 1 }, dims)) ?? 0;
        }
        const shownPrevious = disclose(previous, exact);
        return {
          ...(statKeys(r, dims) as Partial<PlacementStatsRow>),
          placements,
          suppressed: placements === null,
          goal,
          compliance: placements !== null && goal ? placements / goal : null,
          previousYearPlacements: shownPrevious,
          yearOverYearChange: placements !== null && shownPrevious ? (placements - shownPrevious) / shownPrevious : null,
        } as PlacementStatsRow;
      });
  }
}
