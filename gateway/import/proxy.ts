import { currentRequest } from '../../kit/observability/context';
import { REQUEST_ID_HEADER } from '../../kit/observability/request-id';
import { Readable } from 'node:stream';
import type express from 'express';
import { SHARED_SECRET_HEADER } from '../../kit/config';
import { GRAPH_URL_HEADER, importMaxBytes } from '../../kit/imports/http';

/** Which subgraph owns each import kind (the kinds each subgraph declares in its definition). */
export const IMPORT_OWNERS: Record<string, string> = {
  placements: 'placements',
  jobSeekers: 'persons',
  employers: 'employers',
  vacancies: 'employers',
  attentions: 'communes',
  referrals: 'placements',
  enrollments: 'training',
  workshopAttendance: 'training',
};

/** GET /imports/templates: every owner's kinds with their columns, in IMPORT_OWNERS' order. */
async function listKinds(subgraphs: Record<string, string>, sharedSecret: string | undefined, res: express.Response): Promise<void> {
  const owners = [...new Set(Object.values(IMPORT_OWNERS))];
  const headers: Record<string, string> = sharedSecret ? { [SHARED_SECRET_HEADER]: sharedSecret } : {};
  try {
    const lists = await Promise.all(
      owners.map(async (owner) => {
        const answer = await fetch(subgraphs[owner].replace(/\/graphql$/, '/imports/templates'), { headers });
        if (!answer.ok) throw new Error(`${owner} answered ${answer.status}`);
        return (await answer.json()) as { kind: string }[];
      }),
    );
    const kinds = new Map(lists.flat().map((k) => [k.kind, k]));
    res.json(Object.keys(IMPORT_OWNERS).flatMap((kind) => kinds.get(kind) ?? []));
  } catch {
    res.status(502).json({ errors: [{ message: 'A subgraph owning imports did not answer', extensions: { code: 'BAD_GATEWAY' } }] });
  }
}

/**
 * POST /imports/<kind> and GET /imports/templates/<kind>.(csv|xlsx): forwarded, streamed, to the
 * subgraph that owns the kind (it checks and writes; the gateway holds no rules), with the
 * caller's token, the shared secret, and where the graph answers (for RUT lookups as the caller).
 */
export function importProxy(subgraphs: Record<string, string>, sharedSecret: string | undefined): express.RequestHandler {
  return async (req, res) => {
    const path = req.baseUrl + req.path;
    if (path === '/imports/templates' && req.method === 'GET') return listKinds(subgraphs, sharedSecret, res);
    const template = /^\/imports\/templates(?:\/([a-zA-Z]+)\.(?:csv|xlsx))?$/.exec(path);
    const kind = template ? template[1] : /^\/imports\/([a-zA-Z]+)$/.exec(path)?.[1];
    const owner = kind && IMPORT_OWNERS[kind];
    const base = owner && subgraphs[owner];
    if (!base) {
      res.status(404).json({ errors: [{ message: `No import kind ${kind ?? req.path}`, extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    const limit = importMaxBytes();
    if (Number(req.headers['content-length']) > limit) {
      res.status(413).json({
        errors: [{ message: `The file exceeds ${limit} bytes (IMPORT_MAX_BYTES)`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit } }],
      });
      return;
    }
    const url = base.replace(/\/graphql$/, req.originalUrl);
    const headers: Record<string, string> = {
      [GRAPH_URL_HEADER]: `http://127.0.0.1:${req.socket.localPort}/graphql`,
      ...(sharedSecret ? { [SHARED_SECRET_HEADER]: sharedSecret } : {}),
    };
    // The subgraph's logs, audit entries and lookups carry the gateway's request id.
    const requestId = currentRequest()?.id;
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    for (const name of ['authorization', 'content-type', 'content-length', 'x-file-name', 'x-purpose']) {
      if (req.headers[name]) headers[name] = String(req.headers[name]);
    }
    try {
      const answer = await fetch(url, {
        method: req.method,
        headers,
        body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: 'half',
      } as RequestInit);
      res.status(answer.status);
      for (const name of ['content-type', 'content-disposition', 'retry-after']) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (answer.body) Readable.fromWeb(answer.body as never).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent)
        res.status(502).json({ errors: [{ message: `The ${owner} subgraph did not answer`, extensions: { code: 'BAD_GATEWAY' } }] });
    }
  };
}
