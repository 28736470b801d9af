import 'reflect-metadata';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { writeReportCsv } from '../kit/imports/http';

const USAGE = `usage: npm run import -- --kind <kind> --file <file.csv|file.xlsx> [--dry-run] [--token <jwt>] [--url <gateway>]
  kinds: placements, jobSeekers, employers, vacancies, attentions, referrals, enrollments, workshopAttendance
    (GET <url>/imports/templates lists them and their columns)
  --token: a bearer token (default: the TOKEN environment variable); --url: default http://localhost:4000
  Prints the report and writes it as CSV beside the file (<file>.report.csv).`;

/** The CLI: sends the file to POST /imports/<kind>, prints the report, writes <file>.report.csv. Exit 0 when it passed. */
export async function main(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      token: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:4000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.kind || !values.file) {
    print(USAGE);
    return values.help ? 0 : 2;
  }
  const token = values.token ?? process.env.TOKEN;
  const query = new URLSearchParams({ fileName: basename(values.file), ...(values['dry-run'] ? { dryRun: 'true' } : {}) });
  const response = await fetch(`${values.url.replace(/\/(graphql)?$/, '')}/imports/${values.kind}?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(statSync(values.file).size),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: Readable.toWeb(createReadStream(values.file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { report?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  const report = body.report;
  if (!report) {
    for (const e of body.errors ?? []) print(`${response.status} ${e.extensions?.code ?? ''}: ${e.message}`);
    return 1;
  }
  print(
    `${report.kind} ${report.fileName} (sha256 ${report.sha256.slice(0, 12)}…): ${report.status}${report.dryRun ? ' (dry run)' : ''} — ` +
      `${report.rows} rows, ${report.invalidRows} with problems, ${report.created} written, ${report.unchanged} already there`,
  );
  if (report.fileError) print(`file: ${report.fileError.code}: ${report.fileError.message}`);
  for (const i of report.issues.slice(0, 50)) print(`row ${i.row}  ${i.column || '(row)'}  "${i.value}"  ${i.code}: ${i.message}`);
  if (report.issueCount > 50) print(`… ${report.issueCount - 50} more in the CSV report`);
  const reportFile = `${values.file}.report.csv`;
  const out = createWriteStream(reportFile);
  await writeReportCsv(report, out);
  print(`report: ${reportFile}`);
  return report.status === 'COMMITTED' || report.status === 'CHECKED' ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
