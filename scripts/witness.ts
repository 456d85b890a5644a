/**
 * npm run witness -- --port <n> --state <file.json> --key <log verifier key> [--key …] [--host 127.0.0.1]
 *
 * A witness an auditor runs for the audit log: the C2SP `tlog-witness` `add-checkpoint` (POST /add-checkpoint). It
 * cosigns a checkpoint signed by a log key it was given (or one such a key introduced in a rotation), which extends
 * the last one it cosigned for that origin, keeping that size and root in the state file (written before it answers).
 * Its own Ed25519 key is WITNESS_SIGNING_KEY (`PRIVATE+KEY+…`), or a key file next to the state file made at the first
 * start; it prints its verifier key. The judging is machines/tlog/witness.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { parseArgs } from 'node:util';
import { parseSignerKey, parseVerifierKey, type SignerKey, signerKeyFromSeed } from '../machines/tlog/note';
import { addCheckpoint, type WitnessState, witnessVerifierKey } from '../machines/tlog/witness';

const MAX_BODY = 64 * 1024;

function witnessKey(stateFile: string): SignerKey {
  if (process.env.WITNESS_SIGNING_KEY) return parseSignerKey(process.env.WITNESS_SIGNING_KEY);
  const file = `${stateFile}.key`;
  if (!existsSync(file)) {
    const key = signerKeyFromSeed('dia-ban-audit-witness', randomBytes(32));
    writeFileSync(file, `${key.secret}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseSignerKey(readFileSync(file, 'utf8'));
}

function readState(file: string): WitnessState {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WitnessState) : { origins: {} };
}

function writeState(file: string, state: WitnessState): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

async function bodyOf(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      key: { type: 'string', multiple: true },
    },
  });
  if (!values.port || !values.state || !values.key?.length) {
    console.error('usage: npm run witness -- --port <n> --state <file.json> --key <log verifier key> [--key …]');
    process.exit(2);
  }
  const stateFile = values.state;
  const logKeys = values.key.map((k) => parseVerifierKey(existsSync(k) ? readFileSync(k, 'utf8') : k));
  const key = witnessKey(stateFile);
  let state = readState(stateFile);
  let queue = Promise.resolve();
  const server = createServer((request, response) => {
    const answer = (status: number, contentType: string, body: string): void => {
      response.writeHead(status, { 'content-type': contentType }).end(body);
    };
    if (request.method !== 'POST' || request.url !== '/add-checkpoint')
      return answer(404, 'text/plain', 'POST /add-checkpoint\n');
    // One request at a time: each is judged against the state the previous one left.
    queue = queue.then(async () => {
      const body = await bodyOf(request);
      if (body === undefined) return answer(413, 'text/plain', `at most ${MAX_BODY} bytes\n`);
      const result = addCheckpoint(state, body, logKeys, key, new Date());
      if (result.state) {
        writeState(stateFile, result.state);
        state = result.state;
      }
      answer(result.status, result.contentType, result.body);
    });
    queue = queue.catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) answer(500, 'text/plain', 'the witness could not keep its state\n');
    });
  });
  server.listen(Number(values.port), values.host, () => {
    console.log(`witness ${witnessVerifierKey(key)} listening on http://${values.host}:${values.port}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

main();
