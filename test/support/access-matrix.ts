import type { Role } from '../../kit/auth';
import { bearer, data, errorCodes, post, tokenFor } from './graphql';

const OWN = '10101';
const OTHER = '10301';

type Viewer = { label: string; roles?: Role[]; communes?: string[] };
const VIEWERS: Viewer[] = [
  { label: 'public (no token)' },
  { label: 'partner', roles: ['partner'] },
  { label: 'analyst', roles: ['analyst'] },
  { label: 'admin', roles: ['admin'] },
  { label: 'municipality of 10101', roles: ['municipality'], communes: [OWN] },
  { label: 'omil of 10101', roles: ['omil'], communes: [OWN] },
  { label: 'municipality without communes', roles: ['municipality'] },
  { label: 'omil without communes', roles: ['omil'] },
];

/**
 * What each viewer may read of a commune's records that are about no person (agreement transfers):
 * 'region' every commune, 'own' only its token's, 'none' aggregates only.
 */
function reach(viewer: Viewer): 'region' | 'own' | 'none' | 'anonymous' {
  if (!viewer.roles) return 'anonymous';
  if (viewer.roles.some((r) => r === 'analyst' || r === 'admin')) return 'region';
  if (viewer.roles.some((r) => r === 'municipality' || r === 'omil')) return 'own';
  return 'none';
}

/** The same for person-level records (placements, enrolments, attendance, a person by key): analysts get aggregates only. */
function personReach(viewer: Viewer): 'region' | 'own' | 'none' | 'anonymous' {
  if (!viewer.roles) return 'anonymous';
  if (viewer.roles.includes('admin')) return 'region';
  if (viewer.roles.some((r) => r === 'municipality' || r === 'omil')) return 'own';
  return 'none';
}

/**
 * Every path to a person-level record, through the gateway or straight at a subgraph (`_entities`):
 * each returns a list or entity that is refused (null and a coded error) to viewers without person-level access.
 */
const PERSON_PATHS: { label: string; subgraph?: string; query: string }[] = [
  { label: 'placements', query: '{ placements(first: 5) { nodes { id startDate person { id } } } }' },
  { label: 'Commune.placements', query: `{ commune(code: "${OWN}") { placements(first: 5) { nodes { id person { id } } } } }` },
  { label: 'Employer.placements', query: '{ employer(id: "1") { placements { id startDate } } }' },
  { label: 'enrollments', query: '{ enrollments(first: 5) { nodes { id enrolledAt person { id } } } }' },
  { label: 'Course.enrollments', query: '{ courses(first: 3) { nodes { enrollments { id person { id } } } } }' },
  { label: 'Workshop.attendees', query: '{ workshops(first: 3) { nodes { attendees { id } } } }' },
  { label: 'persons', query: '{ persons(first: 5) { nodes { id sex registeredAt } } }' },
  {
    label: 'Person by _entities on the persons subgraph',
    subgraph: 'persons',
    query:
      '{ _entities(representations: [{ __typename: "Person", id: "1" }, { __typename: "Person", id: "2" }]) { ... on Person { id sex education registeredAt } } }',
  },
  {
    label: 'Placement by _entities on the placements subgraph',
    subgraph: 'placements',
    query: '{ _entities(representations: [{ __typename: "Placement", id: "1" }]) { ... on Placement { id startDate person { id } } } }',
  },
  {
    label: 'Person.placements by _entities on the placements subgraph',
    subgraph: 'placements',
    query: '{ _entities(representations: [{ __typename: "Person", id: "1" }]) { ... on Person { placements { id startDate } } } }',
  },
  {
    label: 'Person.enrollments and workshops by _entities on the training subgraph',
    subgraph: 'training',
    query: '{ _entities(representations: [{ __typename: "Person", id: "1" }]) { ... on Person { enrollments { id } workshops { id } } } }',
  },
];

/** Every person id or record id of a person-level type in an answer (a walk of the JSON). */
function recordsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + recordsIn(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + (k === 'id' && v != null ? 1 : 0) + recordsIn(v), 0);
  }
  return 0;
}

/**
 * The access matrix (role × commune × protected field or list), run against the gateway at `url()`:
 * our gateway (test/auth/matrix.test.ts) and Hive Gateway with its committed configuration
 * (test/hive/hive.test.ts) must answer it the same. With `subgraphUrls` (subgraphs that take
 * direct calls), the person-level paths are also tried straight at the subgraphs.
 */
export function accessMatrix(url: () => string, subgraphUrls?: () => Record<string, string>): void {
  const truth: Record<string, { transfer: number; placements: number }> = {};

  beforeAll(async () => {
    const admin = await tokenFor('admin');
    for (const code of [OWN, OTHER]) {
      const d = await data(
        url(),
        `query($c: String!) { commune(code: $c) {
        fomilAgreement(year: 2022) { transferClp } placements(filter: { year: 2022 }, first: 0) { totalCount } } }`,
        { c: code },
        admin,
      );
      truth[code] = { transfer: d.commune.fomilAgreement.transferClp, placements: d.commune.placements.totalCount };
    }
    expect(truth[OWN].placements).toBeGreaterThan(0);
    expect(truth[OTHER].placements).toBeGreaterThan(0);
  });

  describe.each(VIEWERS)('$label', (viewer) => {
    let headers: Record<string, string> = {};
    beforeAll(async () => {
      headers = viewer.roles ? bearer(await tokenFor(viewer.roles, viewer.communes ?? [])) : {};
    });
    const transfers = reach(viewer);
    const kind = personReach(viewer);
    const refusal = kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const mayRead = (code: string) => kind === 'region' || (kind === 'own' && (viewer.communes ?? []).includes(code));
    const mayReadTransfer = (code: string) => transfers === 'region' || (transfers === 'own' && (viewer.communes ?? []).includes(code));

    it.each(PERSON_PATHS.filter((p) => !p.subgraph || subgraphUrls))('person-level path: $label', async ({ subgraph, query }) => {
      const target = subgraph ? subgraphUrls!()[subgraph] : url();
      const body = await post(target, query, undefined, headers);
      if (kind === 'anonymous' || kind === 'none') {
        // Refused: a coded error, and not one id of a person or a person-level record in the answer.
        expect(errorCodes(body).length).toBeGreaterThan(0);
        expect(new Set(errorCodes(body))).toEqual(new Set([refusal]));
        expect(recordsIn(body.data)).toBe(0);
        return;
      }
      expect(new Set(errorCodes(body)).has('UNAUTHENTICATED')).toBe(false);
      if (kind === 'region') {
        expect(body.errors).toBeUndefined();
        expect(recordsIn(body.data)).toBeGreaterThan(0);
      }
    });

    it.each([
      [OWN, 'own commune'],
      [OTHER, 'other commune'],
    ])('FomilAgreement.transferClp of %s (%s)', async (code) => {
      const body = await post(
        url(),
        `query($c: String!) { commune(code: $c) { fomilAgreement(year: 2022) { year transferClp } } }`,
        { c: code },
        headers,
      );
      expect(body.data.commune.fomilAgreement.year).toBe(2022);
      if (mayReadTransfer(code)) {
        expect(body.errors).toBeUndefined();
        expect(body.data.commune.fomilAgreement.transferClp).toBe(truth[code].transfer);
      } else {
        expect(errorCodes(body)).toEqual([refusal]);
        expect(body.data.commune.fomilAgreement.transferClp).toBeNull();
      }
    });

    it.each([
      [OWN, 'own commune'],
      [OTHER, 'other commune'],
    ])('Commune.placements of %s (%s)', async (code) => {
      const body = await post(
        url(),
        `query($c: String!) { commune(code: $c) { name placements(filter: { year: 2022 }, first: 3) { totalCount nodes { commune { code } } } } }`,
        { c: code },
        headers,
      );
      if (kind === 'anonymous' || kind === 'none') {
        expect(errorCodes(body)).toEqual([refusal]);
        expect(body.data.commune).toEqual({ name: expect.any(String), placements: null });
        return;
      }
      expect(body.errors).toBeUndefined();
      const expected = mayRead(code) ? truth[code].placements : 0;
      expect(body.data.commune.placements.totalCount).toBe(expected);
      expect(body.data.commune.placements.nodes.every((n: any) => n.commune.code === code)).toBe(true);
    });

    it('root placements narrow silently to the communes the viewer may read', async () => {
      const body = await post(
        url(),
        `{
        asked: placements(filter: { year: 2022, communes: ["${OWN}", "${OTHER}"] }, first: 100) { totalCount nodes { commune { code } } }
        all: placements(filter: { year: 2022 }, first: 0) { totalCount }
      }`,
        undefined,
        headers,
      );
      if (kind === 'anonymous' || kind === 'none') {
        expect(errorCodes(body)).toEqual([refusal, refusal]);
        expect(body.data).toEqual({ asked: null, all: null });
        return;
      }
      expect(body.errors).toBeUndefined();
      const visible = [OWN, OTHER].filter(mayRead);
      expect(body.data.asked.totalCount).toBe(visible.reduce((s, c) => s + truth[c].placements, 0));
      expect(body.data.asked.nodes.every((n: any) => visible.includes(n.commune.code))).toBe(true);
      if (kind === 'region') expect(body.data.all.totalCount).toBe(4948);
      else expect(body.data.all.totalCount).toBe(visible.length ? truth[OWN].placements : 0);
    });

    it('reads territory and the exact headline aggregates whatever the role, and perturbed finer cells unless admin', async () => {
      const d = await data(
        url(),
        `{ region(code: "10") { placementSummary(year: 2022) { placements } } commune(code: "${OTHER}") { placementSummary(year: 2022) { placements } } }`,
        undefined,
        headers.authorization?.slice(7),
      );
      expect(d.region.placementSummary.placements).toBe(4948);
      expect(d.commune.placementSummary.placements).toBe(truth[OTHER].placements);
      const cells = await data(
        url(),
        '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, AGE_BAND]) { perturbed } }',
        undefined,
        headers.authorization?.slice(7),
      );
      expect(cells.placementStats.every((r: any) => r.perturbed === (kind !== 'region'))).toBe(true);
    });
  });

  it('shows an analyst the transfer amounts of all 24 agreements of 2022', async () => {
    const d = await data(
      url(),
      '{ region(code: "10") { fomilAgreements(year: 2022) { transferClp } } }',
      undefined,
      await tokenFor('analyst'),
    );
    expect(d.region.fomilAgreements).toHaveLength(24);
    expect(d.region.fomilAgreements.every((a: any) => a.transferClp > 0)).toBe(true);
  });

  it('gives a municipality its own transfer and FORBIDDEN for the 23 others, in one answer', async () => {
    const body = await post(
      url(),
      '{ region(code: "10") { fomilAgreements(year: 2022) { transferClp commune { code } } } }',
      undefined,
      bearer(await tokenFor('municipality', [OWN])),
    );
    const rows = body.data.region.fomilAgreements;
    expect(rows.filter((a: any) => a.transferClp !== null).map((a: any) => a.commune.code)).toEqual([OWN]);
    expect(errorCodes(body)).toEqual(Array(23).fill('FORBIDDEN'));
  });
}
