import { apportion, Random } from '../../kit/random';
import { yearPlan } from '../../seed/placement-plan';
import { agreementCommunes } from '../../seed/fomil-plan';

describe('seed arithmetic', () => {
  it('apportions a total exactly and proportionally', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(4948, [277040, 36474, 12320]).reduce((a, b) => a + b, 0)).toBe(4948);
    expect(apportion(0, [5, 5])).toEqual([0, 0]);
  });

  it('draws the same sequence from the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Random(43).next()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('plans 2022 at exactly 4,948 placements against 4,899 goals in 24 communes', () => {
    const plan = yearPlan(2022);
    expect(plan.communes).toEqual(agreementCommunes(2022));
    expect(plan.communes).toHaveLength(24);
    expect(plan.placements.reduce((a, b) => a + b, 0)).toBe(4948);
    expect(plan.goals.reduce((a, b) => a + b, 0)).toBe(4899);
    expect(yearPlan(2022)).toEqual(plan);
  });
});
