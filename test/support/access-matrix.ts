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

/** What each viewer may do: 'region' sees every commune, 'own' only its token's, 'none' aggregates only. */
function reach(viewer: Viewer): 'region' | 'own' | 'none' | 'anonymous' {
  if (!viewer.roles) return 'anonymous';
  if (viewer.roles.some((r) => r === 'analyst' || r === 'admin')) return 'region';
  if (viewer.roles.some((r) => r === 'municipality' || r === 'omil')) return 'own';
  return 'none';
}

/**
 * The access matrix (role × commune × protected field or list), run against the gateway at `url()`:
 * our gateway (test/auth/matrix.test.ts) and Hive Gateway with its committed configuration
 * (test/hive/hive.test.ts) must answer it the same.
 */
export function accessMatrix(url: () => string): void {
  const truth: Record<string, { transfer: number; placements: number }> = {};

  beforeAll(async () => {
    const analyst = await tokenFor('analyst');
    for (const code of [OWN, OTHER]) {
      const d = await data(
        url(),
        `query($c: String!) { commune(code: $c) {
        fomilAgreement(year: 2022) { transferClp } placements(filter: { year: 2022 }, first: 0) { totalCount } } }`,
        { c: code },
        analyst,
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
    const kind = reach(viewer);
    const refusal = kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const mayRead = (code: string) => kind === 'region' || (kind === 'own' && (viewer.communes ?? []).includes(code));

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
      if (mayRead(code)) {
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

    it('reads territory and aggregates whatever the role', async () => {
      const d = await data(
        url(),
        `{ region(code: "10") { placementSummary(year: 2022) { placements } } commune(code: "${OTHER}") { placementSummary(year: 2022) { placements } } }`,
        undefined,
        headers.authorization?.slice(7),
      );
      expect(d.region.placementSummary.placements).toBe(4948);
      expect(d.commune.placementSummary.placements).toBe(truth[OTHER].placements);
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
