import { Readable } from 'node:stream';

export type ExportFormat = 'ndjson' | 'csv';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv; charset=utf-8',
};

/** `?format=` wins; else `Accept: text/csv` asks for CSV; NDJSON otherwise. */
export function exportFormat(format: ExportFormat | undefined, accept: string | undefined): ExportFormat {
  if (format) return format;
  return /\btext\/csv\b/i.test(accept ?? '') ? 'csv' : 'ndjson';
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR/LF or edge spaces. */
export function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BATCH = 200;

/**
 * Serialises rows lazily: the readable pulls pages from `pages` only as the client consumes, a few hundred
 * lines per chunk, so an export never holds more than one upstream page. CSV columns are `columns`, or
 * the fields of the first row; fields a later row adds are not in the CSV (NDJSON keeps everything).
 */
export function exportStream(
  pages: AsyncIterable<Record<string, unknown>[]>,
  format: ExportFormat,
  columns?: string[],
): Readable {
  async function* lines(): AsyncGenerator<string> {
    let header = columns;
    let buf: string[] = [];
    if (header && format === 'csv') buf.push(header.map(csvField).join(','));
    for await (const rows of pages) {
      for (const row of rows) {
        if (format === 'ndjson') buf.push(JSON.stringify(row));
        else {
          if (!header) {
            header = Object.keys(row);
            buf.push(header.map(csvField).join(','));
          }
          buf.push(header.map((c) => csvField(row[c])).join(','));
        }
        if (buf.length >= BATCH) {
          yield `${buf.join(format === 'csv' ? '\r\n' : '\n')}${format === 'csv' ? '\r\n' : '\n'}`;
          buf = [];
        }
      }
    }
    if (buf.length) yield `${buf.join(format === 'csv' ? '\r\n' : '\n')}${format === 'csv' ? '\r\n' : '\n'}`;
  }
  return Readable.from(lines(), { objectMode: false });
}
