/**
 * A workbook's zip opened within bounds, before any spreadsheet parser sees it: an .xlsx of 50 KiB may inflate to
 * gigabytes. The central directory's declared sizes are checked before inflating anything, and each part is inflated
 * with the budget left as its output's hard bound (a zip may declare less than it holds). What passes is packed again
 * uncompressed, so the parser reads exactly the bytes that were counted. Synchronous: it runs in the reading thread.
 */
import { zipSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { count, mib, tooLarge, unreadable } from './faults';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipBounds {
  inflatedBytes: number;
  zipEntries: number;
}

/** Parts a spreadsheet parser reads: the XML and its relationships; images and printer settings are left packed. */
const wanted = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

function centralDirectory(zip: Buffer, bounds: ZipBounds): Entry[] {
  const fits = (at: number, length: number) => at >= 0 && at + length <= zip.length;
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('it is not a zip archive');
  const declared = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  if (declared === 0xffff || offset === 0xffffffff) throw unreadable('a ZIP64 archive is not read');
  if (declared > bounds.zipEntries)
    throw tooLarge(
      'ZIP_ENTRY_LIMIT',
      bounds.zipEntries,
      `The workbook holds ${count(declared)} parts; the limit is ${count(bounds.zipEntries)}`,
    );
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < declared; i += 1) {
    if (!fits(at, 46) || zip.readUInt32LE(at) !== CENTRAL_ENTRY) throw unreadable('its zip directory is damaged');
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (!fits(at + 46, skip)) throw unreadable('its zip directory is damaged');
    entries.push({
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + skip;
  }
  return entries;
}

function compressedData(zip: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_ENTRY)
    throw unreadable(`its part ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw unreadable(`its part ${entry.name} is cut short`);
  return zip.subarray(start, start + entry.compressedSize);
}

/** The workbook again, its XML parts only and stored uncompressed, once their sizes are known to be within bounds. */
export function boundedWorkbook(zip: Buffer, bounds: ZipBounds): Buffer {
  const entries = centralDirectory(zip, bounds).filter((e) => wanted(e.name) && !e.name.endsWith('/'));
  const tooMuch = (what: string) =>
    tooLarge(
      'INFLATED_SIZE_LIMIT',
      bounds.inflatedBytes,
      `The workbook ${what} once inflated, past the limit of ${mib(bounds.inflatedBytes)}: split it, or keep only the table`,
    );
  const declaredTotal = entries.reduce((sum, e) => sum + e.size, 0);
  if (declaredTotal > bounds.inflatedBytes) throw tooMuch(`declares ${mib(declaredTotal)}`);
  const parts: Record<string, Uint8Array> = {};
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 1) throw unreadable(`its part ${entry.name} is encrypted`);
    const data = compressedData(zip, entry);
    let part: Buffer;
    if (entry.method === STORED) part = data;
    else if (entry.method === DEFLATED) {
      try {
        part = inflateRawSync(data, { maxOutputLength: Math.max(1, bounds.inflatedBytes - total) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooMuch('grows larger');
        throw unreadable(`its part ${entry.name} does not inflate`);
      }
    } else throw unreadable(`its part ${entry.name} uses a compression method (${entry.method}) Excel does not write`);
    if (part.length !== entry.size)
      throw unreadable(
        `its part ${entry.name} inflates to ${count(part.length)} bytes, not the ${count(entry.size)} it declares`,
      );
    total += part.length;
    if (total > bounds.inflatedBytes) throw tooMuch('grows larger');
    parts[entry.name] = part;
  }
  return Buffer.from(zipSync(parts, { level: 0 }));
}
