/** A file that cannot be read as a table at all (the whole file is refused). */
export class FileError extends Error {
  constructor(
    /** WRONG_ENCODING, UNCLOSED_QUOTE, CELL_TOO_LARGE, TOO_MANY_COLUMNS, INVALID_QUOTE, UNREADABLE_CSV, UNREADABLE_XLSX, XLSX_TOO_LARGE. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
