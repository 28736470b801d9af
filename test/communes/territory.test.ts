import { communesSubgraph } from '../../subgraphs/communes/subgraph';
import { errorCodes } from '../support/graphql';
import { describeSubgraph, viewer } from '../support/subgraph';

describeSubgraph(communesSubgraph, 'communes subgraph', (subgraph) => {
  it('holds region 10 with its 4 provinces and 30 communes, Censo 2024 totals included', async () => {
    const d = await subgraph().data(`{
      regions { code name isoCode }
      region(code: "10") {
        provinces { code name region { code } communes { code population populationMen populationWomen province { code } } }
        communes { code }
      }
    }`);
    expect(d.regions).toEqual([{ code: '10', name: 'Los Lagos', isoCode: 'CL-LL' }]);
    const provinces = d.region.provinces;
    expect(provinces.map((p: any) => `${p.code} ${p.name}`)).toEqual(['101 Llanquihue', '102 Chiloé', '103 Osorno', '104 Palena']);
    expect(provinces.map((p: any) => p.communes.length)).toEqual([9, 10, 7, 4]);
    const communes = provinces.flatMap((p: any) => p.communes);
    expect(communes).toHaveLength(30);
    expect(d.region.communes).toHaveLength(30);
    expect(communes.every((c: any) => c.province.code === c.code.slice(0, 3))).toBe(true);
    const sum = (f: string) => communes.reduce((s: number, c: any) => s + c[f], 0);
    expect(sum('population')).toBe(890_284);
    expect(sum('populationMen')).toBe(437_269);
    expect(sum('populationWomen')).toBe(453_015);
  });

  it('answers a commune with its province, region, OMIL and agreement', async () => {
    const d = await subgraph().data(
      `{
      commune(code: "10101") {
        code name population population2017 province { code name } region { name }
        omil { name email synthetic }
        fomilAgreement(year: 2022) { year category status transferClp commune { name } }
        none: fomilAgreement(year: 2019) { year }
      }
      palena: commune(code: "10404") { fomilAgreement(year: 2022) { year } }
    }`,
      undefined,
      viewer('analyst'),
    );
    expect(d.commune).toMatchObject({
      code: '10101',
      name: 'Puerto Montt',
      population: 277_040,
      population2017: 245_902,
      province: { code: '101', name: 'Llanquihue' },
      region: { name: 'Los Lagos' },
      omil: { name: 'OMIL Puerto Montt', synthetic: true },
      fomilAgreement: { year: 2022, category: 'I', status: 'CLOSED', commune: { name: 'Puerto Montt' } },
      none: null,
    });
    expect(d.commune.fomilAgreement.transferClp).toBeGreaterThan(0);
    expect(d.palena.fomilAgreement).toBeNull();
  });

  it('counts the FOMIL agreements of each year: 24, 24, 25, 24', async () => {
    const d = await subgraph().data(`{ region(code: "10") {
      y2021: fomilAgreements(year: 2021) { commune { code } }
      y2022: fomilAgreements(year: 2022) { commune { code } }
      y2023: fomilAgreements(year: 2023) { year }
      y2024: fomilAgreements(year: 2024) { commune { code } }
    } }`);
    expect([d.region.y2021.length, d.region.y2022.length, d.region.y2023.length, d.region.y2024.length]).toEqual([24, 24, 25, 24]);
    const y2022 = d.region.y2022.map((a: any) => a.commune.code);
    expect(y2022).not.toContain('10404');
    expect(y2022).toContain('10101');
  });

  it('filters and pages communes as a connection', async () => {
    const first = await subgraph().data(
      `{ communes(first: 10) { totalCount nodes { code } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
    );
    expect(first.communes.totalCount).toBe(30);
    expect(first.communes.nodes).toHaveLength(10);
    expect(first.communes.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const last = await subgraph().data(
      `query($after: String) { communes(first: 25, after: $after) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }`,
      {
        after: first.communes.pageInfo.endCursor,
      },
    );
    expect(last.communes.nodes).toHaveLength(20);
    expect(last.communes.nodes[0].code).toBe('10202');
    expect(last.communes.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });

    const filtered = await subgraph().data(`{
      chiloe: communes(filter: { provinces: ["102"] }, first: 100) { totalCount }
      agreements: communes(filter: { withAgreementIn: 2022 }, first: 100) { totalCount }
      chiloe2022: communes(filter: { provinces: ["102"], withAgreementIn: 2022 }, first: 100) { nodes { code } }
      region: communes(filter: { regions: ["10"] }) { totalCount }
      nothing: communes(filter: { withAgreementIn: 2030 }) { totalCount nodes { code } }
    }`);
    expect(filtered.chiloe.totalCount).toBe(10);
    expect(filtered.agreements.totalCount).toBe(24);
    expect(filtered.chiloe2022.nodes.map((n: any) => n.code)).toEqual(['10201', '10202', '10203', '10205', '10208', '10209', '10210']);
    expect(filtered.region.totalCount).toBe(30);
    expect(filtered.nothing).toEqual({ totalCount: 0, nodes: [] });
  });

  it('gives null for unknown codes', async () => {
    const d = await subgraph().data(`{ region(code: "13") { name } province(code: "109") { name } commune(code: "10999") { name } }`);
    expect(d).toEqual({ region: null, province: null, commune: null });
  });

  it.each([
    ['malformed CUT', '{ commune(code: "10A01") { name } }', 'code'],
    ['CUT as a number-like short string', '{ commune(code: "1010") { name } }', 'code'],
    ['province code', '{ province(code: "1") { name } }', 'code'],
    ['year out of range', '{ commune(code: "10101") { fomilAgreement(year: 1850) { year } } }', 'year'],
    ['negative first', '{ communes(first: -1) { totalCount } }', 'first'],
    ['first above the maximum', '{ communes(first: 101) { totalCount } }', 'first'],
    ['foreign cursor', '{ communes(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
    ['a cursor of another connection', '{ communes(after: "UGxhY2VtZW50OjA") { totalCount } }', 'after'],
    ['filter year', '{ communes(filter: { withAgreementIn: 3000 }) { totalCount } }', 'filter.withAgreementIn'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_label, query, field) => {
    const body = await subgraph().execute(query);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(field);
  });

  it('resolves Commune references in one statement (federation _entities)', async () => {
    const { app } = subgraph();
    app.db!.statements.reset();
    const representations = ['10101', '10201', '10301', '10999'].map((code) => ({ __typename: 'Commune', code }));
    const d = await subgraph().data(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { name } } }`, {
      r: representations,
    });
    expect(d._entities).toEqual([{ name: 'Puerto Montt' }, { name: 'Castro' }, { name: 'Osorno' }, null]);
    expect(app.db!.statements.count).toBe(1);
  });
});
