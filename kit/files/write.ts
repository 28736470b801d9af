import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A cell to write: text, a number, a boolean, empty (null) or a marked cell (e.g. a suppressed count). */
export type OutCell = string | number | boolean | null | { mark: string };

export interface CsvOptions {
  /** Column separator (default ","; ";" for Excel set to Spanish). */
  delimiter?: ',' | ';';
  /** Decimal comma for numbers (1,5 instead of 1.5). */
  decimalComma?: boolean;
}

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: OutCell, options: CsvOptions): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'object') text = value.mark;
  else if (typeof value === 'number') {
    text = String(value);
    if (options.decimalComma) text = text.replace('.', ',');
    // A negative number stays a number: only text is neutralised.
  } else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutralize(value);
  const quote = text.includes(options.delimiter ?? ',') || /["\r\n]/.test(text);
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV, UTF-8 with a BOM (Excel then opens accents right), CRLF line ends, one row at a time. */
export class CsvWriter {
  private readonly options: CsvOptions;
  constructor(
    private readonly out: Writable,
    options: CsvOptions = {},
  ) {
    this.options = { delimiter: ',', ...options };
    out.write('\uFEFF');
  }

  async row(cells: OutCell[]): Promise<void> {
    const line = cells.map((c) => csvCell(c, this.options)).join(this.options.delimiter) + '\r\n';
    if (!this.out.write(line)) await new Promise((resolve) => this.out.once('drain', resolve));
  }

  async end(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(resolve));
  }
}

/** XLSX through exceljs's streaming writer: rows are committed as they come (memory stays flat). */
export class XlsxWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  constructor(out: Writable, sheetName = 'data') {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet(sheetName.slice(0, 31));
  }

  async row(cells: OutCell[]): Promise<void> {
    // Text is stored as text (never a formula), so injection cannot happen; marks are text too.
    this.sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.mark : c))).commit();
  }

  async end(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}

export type TableWriter = CsvWriter | XlsxWriter;

export function tableWriter(out: Writable, format: 'csv' | 'xlsx', options: CsvOptions & { sheet?: string } = {}): TableWriter {
  return format === 'xlsx' ? new XlsxWriter(out, options.sheet) : new CsvWriter(out, options);
}
