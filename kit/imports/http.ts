import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import ExcelJS from 'exceljs';
import express from 'express';
import { viewerFromAuthorization, type AuthConfig } from '../auth';
import type { AuditAppender } from '../audit/chain';
import { auditRequest, PURPOSE_HEADER } from '../audit/plugin';
import { AuditTrail } from '../audit/trail';
import { currentRequest } from '../observability/context';
import { logger } from '../observability/logger';
import { REQUEST_ID_HEADER } from '../observability/request-id';
import { formatOf } from '../files/read';
import { CsvWriter } from '../files/write';
import { ImportFileError, runImport, type ImportReport } from './engine';
import { isClientCode } from '../errors';
import { positiveIntFromEnv } from '../config';
import type { ImportKind } from './kind';
import { CONCURRENT_WRITE, isConcurrentWrite } from '../writes/write';

/** The largest file accepted (bytes): IMPORT_MAX_BYTES, default 50 MB. */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.IMPORT_MAX_BYTES);
  return Number.isFinite(n) && n > 0 ? n : 50 * 1024 * 1024;
}

/** The header the gateway sets: where the graph answers, for lookups as the caller. */
export const GRAPH_URL_HEADER = 'x-graph-url';

function fail(res: express.Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

class TooLarge extends Error {}

/**
 * Imports checked at once in this process (IMPORT_CONCURRENCY, default 2, read per request): a
 * large XLSX holds a few hundred MB while it is read (its shared strings), so more at once could
 * exhaust the heap. One more is refused with 429 and Retry-After, before its body is read.
 */
export const importSlots = {
  running: 0,
  acquire(limit = positiveIntFromEnv(process.env, 'IMPORT_CONCURRENCY', 2)): (() => void) | null {
    if (this.running >= limit) return null;
    this.running++;
    let released = false;
    return () => {
      if (!released) this.running--;
      released = true;
    };
  },
};

/** Streams the request body to a file, hashing it; stops past the limit. */
async function spool(req: express.Request, path: string, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new TooLarge();
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return hash.digest('hex');
}

/** The report's problems as the CSV an executive opens beside the file. */
export async function writeReportCsv(report: Pick<ImportReport, 'issues' | 'fileError'>, out: NodeJS.WritableStream): Promise<void> {
  const csv = new CsvWriter(out as never, { delimiter: ';' });
  await csv.row(['fila', 'columna', 'valor', 'codigo', 'motivo']);
  if (report.fileError) await csv.row([null, null, null, report.fileError.code, report.fileError.message]);
  for (const i of report.issues) await csv.row([i.row, i.column, i.value, i.code, i.message]);
  await csv.end();
}

function statusOf(report: ImportReport): number {
  if (report.fileError) return 400;
  if (report.status !== 'REJECTED') return 200;
  return report.issues.some((i) => i.code === 'FORBIDDEN') ? 403 : 422;
}

/** The template of a kind: the header and an example row (CSV), plus a sheet of the columns (XLSX). */
export async function sendTemplate(kind: ImportKind, format: 'csv' | 'xlsx', res: express.Response): Promise<void> {
  res.setHeader('content-disposition', `attachment; filename="${kind.kind}.${format}"`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    const csv = new CsvWriter(res, { delimiter: ';' });
    await csv.row(kind.columns.map((c) => c.name));
    await csv.row(kind.columns.map((c) => c.example));
    await csv.end();
    return;
  }
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(kind.kind);
  sheet.addRow(kind.columns.map((c) => c.name)).font = { bold: true };
  sheet.addRow(kind.columns.map((c) => c.example));
  kind.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).numFmt = '@'; // text: Excel keeps leading zeros, dates and RUTs as typed
    sheet.getColumn(i + 1).width = Math.max(12, c.name.length + 2);
  });
  const doc = book.addWorksheet('columnas');
  doc.addRow(['columna', 'tipo', 'obligatoria', 'descripción', 'códigos']).font = { bold: true };
  for (const c of kind.columns) doc.addRow([c.name, c.type, c.required ? 'sí' : 'no', c.description, c.values?.join(', ') ?? '']);
  await book.xlsx.write(res);
  res.end();
}

export interface ImportRoutes {
  kinds: ImportKind<any>[];
  em: () => EntityManager;
  auth: AuthConfig;
  /** Told after a commit (the relay publishes its events at once). */
  committed?: () => void;
  /** Appends the audit entries of the personal data an import writes (absent: not audited). */
  auditWriter?: AuditAppender;
}

/** The file name recorded with an import: printable, at most 255 characters (its column), else "upload". */
function fileNameOf(given: unknown): string {
  const name =
    typeof given === 'string'
      ? given
          .replace(/\p{Cc}/gu, '')
          .trim()
          .slice(0, 255)
      : '';
  return name || 'upload';
}

/** POST /imports/:kind (the file as the body), GET /imports/templates/:kind.(csv|xlsx), GET /imports/templates. */
export function importRouter(options: ImportRoutes): express.Router {
  const router = express.Router();
  const byName = new Map(options.kinds.map((k) => [k.kind, k]));
  router.get('/imports/templates', (_req, res) => {
    res.json(
      options.kinds.map((k) => ({
        kind: k.kind,
        title: k.title,
        naturalKey: k.naturalKey,
        columns: k.columns.map(({ pattern: _p, ...c }) => c),
      })),
    );
  });
  router.get('/imports/templates/:file', async (req, res) => {
    const match = /^([a-zA-Z]+)\.(csv|xlsx)$/.exec(req.params.file);
    const kind = match && byName.get(match[1]);
    if (!kind) return fail(res, 404, 'NOT_FOUND', `No template ${req.params.file}`);
    await sendTemplate(kind, match[2] as 'csv' | 'xlsx', res);
  });
  router.post('/imports/:kind', async (req, res) => {
    const kind = byName.get(req.params.kind);
    if (!kind) return fail(res, 404, 'NOT_FOUND', `No import kind ${req.params.kind}`);
    let viewer;
    try {
      viewer = await viewerFromAuthorization(req.headers.authorization, options.auth);
    } catch {
      return fail(res, 401, 'UNAUTHENTICATED', 'The token is invalid or expired');
    }
    if (!viewer) return fail(res, 401, 'UNAUTHENTICATED', 'Importing needs a token', { reason: 'no token' });
    if (!viewer.roles.includes('admin') && !viewer.roles.includes('omil'))
      return fail(res, 403, 'FORBIDDEN', `Your roles (${viewer.roles.join(', ')}) cannot write: OMIL executives and admins import`);
    const release = importSlots.acquire();
    if (!release) {
      res.setHeader('retry-after', '30');
      res.setHeader('connection', 'close');
      return fail(
        res,
        429,
        'RATE_LIMITED',
        `${importSlots.running} imports are being checked in this process (IMPORT_CONCURRENCY): retry in a moment`,
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'lle-import-'));
    try {
      const path = join(dir, 'upload');
      const limit = importMaxBytes();
      let sha256: string;
      try {
        sha256 = await spool(req, path, limit);
      } catch (error) {
        if (error instanceof TooLarge) {
          res.setHeader('connection', 'close');
          return fail(res, 413, 'PAYLOAD_TOO_LARGE', `The file exceeds ${limit} bytes (IMPORT_MAX_BYTES)`, { limit });
        }
        throw error;
      }
      const graphUrl = String(req.headers[GRAPH_URL_HEADER] ?? '');
      // Lookups go as the caller, for the caller's declared purpose (or the kind's), under this
      // request's id: the persons subgraph audits them like any read.
      const lookupHeaders: Record<string, string> = { 'content-type': 'application/json', authorization: req.headers.authorization! };
      const purpose = String(req.headers[PURPOSE_HEADER] ?? '') || kind.purpose;
      if (purpose) lookupHeaders[PURPOSE_HEADER] = purpose;
      const requestId = currentRequest()?.id;
      if (requestId) lookupHeaders[REQUEST_ID_HEADER] = requestId;
      // Personal data written is audited as a mutation's is: the viewer, this request's id, the purpose.
      const audited = auditRequest(req);
      const audit = options.auditWriter
        ? new AuditTrail(
            { ...audited, purpose: audited.purpose ?? kind.purpose ?? null, operation: `import ${kind.kind}` },
            viewer,
            options.auditWriter,
          )
        : undefined;
      const report = await runImport(
        options.em(),
        {
          kind,
          path,
          format: await formatOf(path),
          fileName: fileNameOf(req.query.fileName ?? req.headers['x-file-name']),
          sha256,
          dryRun: ['1', 'true', 'yes'].includes(String(req.query.dryRun ?? '').toLowerCase()),
          viewer,
          audit,
          graph: async (query, variables) => {
            if (!graphUrl) throw new Error('No graph to look up references in (imports go through the gateway)');
            const answer = await fetch(graphUrl, {
              method: 'POST',
              headers: lookupHeaders,
              body: JSON.stringify({ query, variables }),
            });
            const body = (await answer.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
            const refused = body.errors?.find((e) => isClientCode(String(e.extensions?.code ?? '')));
            // The caller's request refused (an unknown purpose, a token the graph no longer takes): the file is refused with it.
            if (refused) throw new ImportFileError(String(refused.extensions!.code), refused.message);
            if (body.errors?.length) throw new Error(`lookup failed: ${body.errors[0].message}`);
            return body.data as never;
          },
        },
        options.committed,
      );
      const status = statusOf(report);
      if (String(req.query.report ?? '') === 'csv') {
        res.status(status).type('text/csv; charset=utf-8');
        await writeReportCsv(report, res);
        return;
      }
      const errors = report.fileError
        ? [{ message: report.fileError.message, extensions: { code: 'BAD_USER_INPUT', reason: report.fileError.code } }]
        : status === 200
          ? undefined
          : [
              {
                message: `${report.invalidRows} of ${report.rows} rows have problems: nothing written`,
                extensions: { code: status === 403 ? 'FORBIDDEN' : 'IMPORT_REJECTED' },
              },
            ];
      res.status(status).json({ ...(errors ? { errors } : {}), report });
    } catch (error) {
      if (isConcurrentWrite(error)) {
        // Another writer held the same records (a rollup's row): a deadlock, or a wait past lock_timeout.
        logger.warn({ kind: kind.kind }, 'import stopped by a concurrent write: nothing written');
        if (!res.headersSent) fail(res, 409, 'CONFLICT', CONCURRENT_WRITE);
        return;
      }
      // The client gets a plain 500; the operator, what failed (the import is recorded FAILED too).
      logger.error({ err: error, kind: kind.kind }, 'import failed on an internal error');
      if (!res.headersSent) fail(res, 500, 'INTERNAL_SERVER_ERROR', 'The import stopped on an internal error: nothing was written');
    } finally {
      release();
      await rm(dir, { recursive: true, force: true });
    }
  });
  return router;
}
