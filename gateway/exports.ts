import express from 'express';

/**
 * The access query of Ley 21.719: everything every subgraph holds about one person, in one
 * operation (persons: the record, its rights requests and privacy notice; placements: placements
 * and referrals; training: enrolments and workshops; communes: attentions and job fairs).
 * docs/privacy.md shows it; the portability export runs it as it is.
 */
export const PERSONAL_DATA_EXPORT = `query PersonalDataExport($id: ID!) {
  person(id: $id) {
    id rut firstName lastName secondLastName birthDate sex education ageBand registeredAt bneRegistered
    phone email disabilityConsent disability correctionReason blocked objections version createdAt updatedAt
    residenceCommune { code name }
    omilCommune { code name }
    privacy { origin purposes legalBasis retention recipients { subject roles communes purposes requests firstAt lastAt } }
    rightsRequests { id kind receivedAt dueDate extensionReason status resolution resolvedAt handledBy purposes details }
    placements(includeCancelled: true) { id startDate status occupationCode sector contractType monthlyWage cancellationReason correctionReason commune { code } employer { id } vacancy { id } }
    referrals { id referredAt outcome outcomeReason commune { code } vacancy { id } }
    enrollments { id status enrolledAt completedAt placedAt dropReason course { id name } }
    workshops { id date topic commune { code } }
    attentions { id date kind status cancelReason commune { code } }
    jobFairs { id name date place commune { code } }
  }
}`;

/** The record kinds of an export: the person's own row and each list the access query returns. */
export const RECORD_KINDS = [
  'person',
  'rightsRequests',
  'placements',
  'referrals',
  'enrollments',
  'workshops',
  'attentions',
  'jobFairs',
] as const;
type Kind = (typeof RECORD_KINDS)[number];
type Row = Record<string, unknown>;

/** Nested objects become dotted columns (`commune.code`), lists are joined with `|`. */
function flatten(row: Row, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix + key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Row, `${name}.`, out);
    else if (Array.isArray(value)) out[name] = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('|');
    else out[name] = value == null ? '' : String(value);
  }
  return out;
}

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180 CSV with a header row: the union of the rows' columns, in first-seen order. */
export function toCsv(rows: Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return [columns, ...flat.map((r) => columns.map((c) => r[c] ?? ''))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The person's records by kind: the person's own fields as one row, each linked list as rows. */
export function recordsByKind(person: Row): Record<Kind, Row[]> {
  const own = Object.fromEntries(Object.entries(person).filter(([key]) => !(RECORD_KINDS as readonly string[]).includes(key)));
  const lists = Object.fromEntries(RECORD_KINDS.slice(1).map((kind) => [kind, (person[kind] as Row[] | null) ?? []]));
  return { person: [own], ...lists } as Record<Kind, Row[]>;
}

const FORWARDED = ['authorization', 'x-purpose', 'x-request-id'];

/**
 * Portability (Ley 21.719): `GET /export/persons/:id.json` — one JSON file of everything held
 * about the person — and `GET /export/persons/:id/:kind.csv`, one CSV per record kind. The
 * gateway runs the access query on its own /graphql with the caller's headers, so the export has
 * exactly the graph's access rules, limits and audit; a refusal comes back as the graph's coded
 * error and status.
 */
export function exportRouter(graphqlUrl: () => string): express.Router {
  const router = express.Router();
  const run = async (req: express.Request) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of FORWARDED) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
    const res = await fetch(graphqlUrl(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: PERSONAL_DATA_EXPORT, variables: { id: req.params.id }, operationName: 'PersonalDataExport' }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: { person: Row | null }; errors?: { extensions?: { code?: string } }[] },
    };
  };
  const refuse = (res: express.Response, status: number, body: object) => res.status(status).json(body);

  router.get('/persons/:id.json', async (req, res, next) => {
    try {
      const { status, body } = await run(req);
      if (body.errors?.length || !body.data?.person) {
        return refuse(res, status >= 400 ? status : body.errors?.length ? 403 : 404, body.errors?.length ? body : notFound(req.params.id));
      }
      res.attachment(`person-${req.params.id}.json`);
      res.json({ exportedAt: new Date().toISOString(), format: 'los-lagos-personal-data/1', records: recordsByKind(body.data.person) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/persons/:id/:kind.csv', async (req, res, next) => {
    try {
      const kind = req.params.kind as Kind;
      if (!(RECORD_KINDS as readonly string[]).includes(kind)) {
        return refuse(res, 400, {
          errors: [
            {
              message: `Unknown record kind "${kind}"`,
              extensions: { code: 'BAD_USER_INPUT', field: 'kind', reason: `one of ${RECORD_KINDS.join(', ')}` },
            },
          ],
        });
      }
      const { status, body } = await run(req);
      if (body.errors?.length || !body.data?.person) {
        return refuse(res, status >= 400 ? status : body.errors?.length ? 403 : 404, body.errors?.length ? body : notFound(req.params.id));
      }
      res.attachment(`person-${req.params.id}-${kind}.csv`);
      res.type('text/csv; charset=utf-8').send(toCsv(recordsByKind(body.data.person)[kind]));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

const notFound = (id: string) => ({
  errors: [{ message: `Person ${id} is unknown or outside your communes`, extensions: { code: 'NOT_FOUND' } }],
});
