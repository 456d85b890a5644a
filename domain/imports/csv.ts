/**
 * A CSV file's records: UTF-8 (a BOM is allowed), comma separated, fields in double quotes when they hold a comma, a
 * quote or a line break (RFC 4180). Empty lines are skipped; a record's line is the line it starts on.
 */
import type { TableRecord } from './table';

/** The file's records, at most `max` of them (reading stops there: the caller refuses a file that has more). */
export function csvRecords(content: string, max = Number.POSITIVE_INFINITY): TableRecord[] {
  const text = content.replace(/^\uFEFF/, '');
  const out: TableRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length && out.length < max; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      startLine = line;
    } else field += c;
  }
  if (out.length < max && (field !== '' || fields.length > 0)) endRecord();
  return out;
}
