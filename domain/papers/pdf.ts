/**
 * A .docx to PDF, by LibreOffice headless in a child process: never on the event loop, each conversion with its own
 * profile directory (so two may run at once), killed after a timeout, at most a few at once and a few waiting. When
 * LibreOffice is missing, busy or too slow the answer is a 503 with Retry-After, never a 500 or a hang.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Refusal } from '../refusal';

export const PDF_CONVERSION = { running: 2, waiting: 4, timeoutMs: 60_000 };

const unavailable = (message: string, retryAfterSeconds: number) =>
  new Refusal(503, 'PAPERS_UNAVAILABLE', message, { retryAfterSeconds });

/** LibreOffice's `soffice`: the configured path, else the first on PATH; undefined when there is none. */
export function findSoffice(configured: string | undefined): string | undefined {
  const candidates = configured
    ? [configured]
    : (process.env.PATH ?? '').split(path.delimiter).flatMap((dir) => (dir ? [path.join(dir, 'soffice')] : []));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

let running = 0;
const queue: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= PDF_CONVERSION.running) {
    if (queue.length >= PDF_CONVERSION.waiting)
      throw unavailable('LibreOffice is busy converting other documents; try again shortly', 10);
    await new Promise<void>((resolve) => queue.push(resolve));
  } else running++;
  return () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
}

function run(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, _out, err) =>
      error ? reject(Object.assign(error, { stderr: err })) : resolve(),
    );
  });
}

/** The PDF of a .docx; a Refusal 503 when LibreOffice is missing, busy or does not finish in time. */
export async function docxToPdf(docx: Uint8Array, sofficePath: string | undefined): Promise<Buffer> {
  const soffice = findSoffice(sofficePath);
  if (!soffice)
    throw unavailable(
      'LibreOffice (soffice) is not installed on this server: the PDF cannot be made (the .docx can); see docs/operations.md',
      300,
    );
  const release = await slot();
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-pdf-'));
  try {
    const input = path.join(dir, 'decision.docx');
    await writeFile(input, docx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    try {
      await run(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        PDF_CONVERSION.timeoutMs,
      );
    } catch (error) {
      const { killed, stderr } = error as { killed?: boolean; stderr?: string };
      throw unavailable(
        killed
          ? `LibreOffice did not finish the PDF within ${PDF_CONVERSION.timeoutMs / 1000} s`
          : `LibreOffice failed to convert the document: ${String(stderr ?? '')
              .trim()
              .slice(0, 200)}`,
        30,
      );
    }
    try {
      return await readFile(path.join(dir, 'decision.pdf'));
    } catch {
      throw unavailable('LibreOffice wrote no PDF for the document', 30);
    }
  } finally {
    release();
    await rm(dir, { recursive: true, force: true });
  }
}
