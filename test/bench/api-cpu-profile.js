/**
 * A CPU profile of the process it is imported into (`NODE_OPTIONS=--import <this file>`, as node refuses --cpu-prof
 * there), written to BENCH_CPU_PROF_DIR when the process exits: the API benchmark's service profile. Plain JavaScript:
 * NODE_OPTIONS reaches the worker's workflow threads too, where a .ts file cannot be loaded (tsx's loader is not theirs).
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { Session } from 'node:inspector';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir && isMainThread) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error && result)
        writeFileSync(path.join(dir, `service-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
