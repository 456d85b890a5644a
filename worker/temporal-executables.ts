import type { EphemeralServerExecutable } from '@temporalio/testing';
import { findOnPath, isExecutable, toolPaths } from './tools-dir';

/**
 * Runtime choice of the Temporal server executables, without building anything (`npm run setup` does that).
 * Whatever is not provisioned locally is left to the SDK's own download, which needs internet.
 */

/** The `temporal` CLI for the dev server: tools cache, then PATH, then the SDK's download. */
export function devServerExecutable(): EphemeralServerExecutable {
  const { temporalCli } = toolPaths();
  const path = isExecutable(temporalCli) ? temporalCli : findOnPath('temporal');
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}

/** The time-skipping test server: the generated Maven-classpath wrapper, else the SDK's download. */
export function testServerExecutable(): EphemeralServerExecutable {
  const { testServerWrapper } = toolPaths();
  // The wrapper runs `java` from PATH; without it the server could not start at all.
  return isExecutable(testServerWrapper) && findOnPath('java')
    ? { type: 'existing-path', path: testServerWrapper }
    : { type: 'cached-download' };
}
