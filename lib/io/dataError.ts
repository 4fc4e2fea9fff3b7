/**
 * A data error that names where it happened: file, row (1-based line in the
 * file, header = line 1 unless a preamble is skipped) and column.
 * Loaders throw it instead of ever returning a silent NaN.
 */
export class DataError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  /** The message without the file and location (to rebuild the error elsewhere, e.g. with a file line). */
  readonly reason: string;
  constructor(file: string, message: string, where: { row?: number; column?: string } = {}) {
    const loc = [
      where.row !== undefined ? `row ${where.row}` : "",
      where.column !== undefined ? `column "${where.column}"` : "",
    ]
      .filter(Boolean)
      .join(", ");
    super(`${file}${loc ? ` (${loc})` : ""}: ${message}`);
    this.name = "DataError";
    this.file = file;
    this.row = where.row;
    this.column = where.column;
    this.reason = message;
  }
}
