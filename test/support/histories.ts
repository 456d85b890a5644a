import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = fileURLToPath(new URL('../histories', import.meta.url));

/**
 * Saves the event histories of finished scenario workflows under test/histories/<scenario>/ when
 * RECORD_HISTORIES=1 (run once after a deliberate workflow change); the replay suite replays them all.
 */
export async function recordHistories(client: Client, scenario: string, workflowIds: string[]): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const dir = join(historiesDir, scenario);
  mkdirSync(dir, { recursive: true });
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(join(dir, `${workflowId}.json`), historyToJSON(history));
  }
}

export function savedHistories(): { workflowId: string; history: ReturnType<typeof historyFromJSON> }[] {
  const scenarios = readdirSync(historiesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  return scenarios.flatMap((scenario) =>
    readdirSync(join(historiesDir, scenario.name))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => ({
        workflowId: `${scenario.name}/${file.replace(/\.json$/, '')}`,
        history: historyFromJSON(JSON.parse(readFileSync(join(historiesDir, scenario.name, file), 'utf8'))),
      })),
  );
}
