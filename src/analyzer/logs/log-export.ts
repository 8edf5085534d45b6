import { Readable } from 'node:stream';
import { RawLogRows } from './raw-log-rows';

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

/**
 * Serialises rows lazily: the readable pulls pages from `pages` only as the client consumes, one write per
 * upstream page (≤ 500 rows), so an export holds no more than the pages it reads ahead. CSV columns are
 * `columns`, or the fields of the first row; fields a later row adds are not in the CSV (NDJSON keeps
 * everything). Lines are appended to one string per page: no array of lines and no join per write.
 * A page kept as FAZ's text (RawLogRows) is written as that text in NDJSON, and parsed for CSV.
 */
export function exportStream(
  pages: AsyncIterable<Record<string, unknown>[] | RawLogRows>,
  format: ExportFormat,
  columns?: string[],
): Readable {
  const csv = format === 'csv';
  async function* lines(): AsyncGenerator<string | Buffer> {
    let header = csv ? columns : undefined;
    if (header) yield `${header.map(csvField).join(',')}\r\n`;
    for await (const page of pages) {
      if (page instanceof RawLogRows && !csv) {
        if (page.length) yield page.ndjson();
        continue;
      }
      const rows = page instanceof RawLogRows ? page.objects() : page;
      let text = '';
      for (const row of rows) {
        if (!csv) {
          text += `${JSON.stringify(row)}\n`;
          continue;
        }
        if (!header) {
          header = Object.keys(row);
          text += `${header.map(csvField).join(',')}\r\n`;
        }
        text += `${header.map((c) => csvField(row[c])).join(',')}\r\n`;
      }
      if (text) yield text;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
