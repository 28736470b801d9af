import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { tokenFor } from '../support/graphql';

export const omilToken = (commune = '10101') => tokenFor('omil', [commune]);

/** POSTs a file to the gateway's import endpoint as the CLI does; the parsed JSON and status. */
export async function importFile(
  gatewayUrl: string,
  kind: string,
  body: Buffer | string,
  token: string | null,
  options: { dryRun?: boolean; fileName?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const base = gatewayUrl.replace(/\/graphql$/, '');
  const query = new URLSearchParams({ fileName: options.fileName ?? `${kind}.csv`, ...(options.dryRun ? { dryRun: 'true' } : {}) });
  const res = await fetch(`${base}/imports/${kind}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    body: new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body),
  });
  return { status: res.status, body: await res.json() };
}

/** A CSV as an office writes it: `;` or `,`, UTF-8 or Windows-1252. */
export function csv(rows: (string | number)[][], options: { delimiter?: string; encoding?: 'utf8' | 'win1252' } = {}): Buffer {
  const sep = options.delimiter ?? ',';
  const cell = (c: string | number) =>
    String(c).includes(sep) || String(c).includes('"') ? `"${String(c).replace(/"/g, '""')}"` : String(c);
  const text = rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n';
  return options.encoding === 'win1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8');
}

export async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('datos');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function save(path: string, content: Buffer): string {
  writeFileSync(path, content);
  return path;
}
