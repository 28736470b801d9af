import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { codeDimension, yearDimension } from '../../kit/stats/dimension';
import { defineStatistic } from '../../kit/stats/statistic';

@Entity({ tableName: 'fact' })
class Fact {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @Property({ type: 'smallint' }) year!: number;
  @Property({ type: 'string' }) kind!: string;
}

const base = {
  typeName: 'Fact',
  description: 'Facts.',
  entity: Fact,
  period: { column: 't.day', description: 'days' },
  measures: { facts: { sql: 'count(*)', people: false, description: 'Facts.' } },
};

// What a new contributor could get wrong is refused before anything runs: by the compiler
// (npm run typecheck in CI checks these expectations) or when the statistic is declared at start.
describe('a statistic declaration', () => {
  it('derives its filter from its dimensions: a filter field without a column cannot be written', () => {
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsA',
        dimensions: {
          YEAR: yearDimension('t.year'),
          // @ts-expect-error a dimension (and so its filter field) needs a column
          KIND: { filter: 'kinds', type: () => String, size: 3 },
        },
      }),
    ).toThrow('factStatsA: dimension KIND has no column');
  });

  it('refuses two dimensions filtered by one field at start', () => {
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsB',
        dimensions: {
          KIND: codeDimension({ column: 't.kind', filter: 'kinds', known: ['a', 'b'] }),
          OTHER_KIND: codeDimension({ column: 't.kind', filter: 'kinds', known: ['a', 'b'] }),
        },
      }),
    ).toThrow('filter field "kinds" of OTHER_KIND is used twice');
  });

  it('refuses a target or previous year naming a dimension or measure it does not have', () => {
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsC',
        dimensions: { YEAR: yearDimension('t.year') },
        target: {
          entity: Fact,
          // @ts-expect-error KIND is not a dimension of this statistic
          columns: { YEAR: 't.year', KIND: 't.kind' },
          sql: 'sum(t.goal)',
          field: 'goal',
          description: 'Goal.',
          ratio: { field: 'compliance', of: 'facts', description: 'Ratio.' },
        },
        // @ts-expect-error `fact` is not a measure of this statistic
        previousYear: { dimension: 'YEAR', measure: 'fact', field: 'previousYearFacts', change: 'change', description: 'Previous.' },
      }),
    ).toThrow('factStatsC: target column for unknown dimension KIND');
  });

  it('refuses a rollup it could not keep: a dimension computed over the records, a measure that does not add up', () => {
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsE',
        dimensions: { YEAR: yearDimension({ of: 't.day' }) },
        rollup: { entity: Fact, dimensions: ['YEAR'] },
      }),
    ).toThrow('factStatsE: rollup dimension YEAR is not a column of the records (t.name)');
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsF',
        dimensions: { YEAR: yearDimension('t.year') },
        measures: { kinds: { sql: 'count(distinct t.kind)', people: false, description: 'Kinds.' } },
        rollup: { entity: Fact, dimensions: ['YEAR'] },
      }),
    ).toThrow('factStatsF: measure kinds cannot be summed in a rollup');
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsG',
        dimensions: { YEAR: yearDimension('t.year') },
        measures: {
          people: {
            sql: 'count(distinct t.person_id)',
            people: true,
            records: { id: 't.person_id', distinct: true },
            description: 'People.',
          },
        },
        rollup: { entity: Fact, dimensions: ['YEAR'] },
      }),
    ).toThrow('factStatsG: measure people cannot be summed in a rollup');
    expect(() =>
      defineStatistic({
        ...base,
        field: 'factStatsH',
        joins: [{ entity: Fact, alias: 'o', on: ['o.id', 't.id'] }],
        dimensions: { YEAR: yearDimension('t.year') },
        rollup: { entity: Fact, dimensions: ['YEAR'] },
      }),
    ).toThrow("factStatsH: a rollup is kept from the records' table alone, without joins");
  });

  it('gives the gateway the size of each dimension', () => {
    const stat = defineStatistic({
      ...base,
      field: 'factStatsD',
      dimensions: { YEAR: yearDimension('t.year'), KIND: codeDimension({ column: 't.kind', filter: 'kinds', known: ['a', 'b', 'c'] }) },
    });
    expect(stat.listSizes).toEqual({ field: 'factStatsD', dimensions: { YEAR: 10, KIND: 3 } });
  });
});
