/**
 * A workflow that answers with the stack of an error it creates, for test/workflows/stack-traces.test.ts: bundled by
 * that test alone, with the product's preloaded modules; not a product workflow.
 */
function probeFrame(): string {
  return new Error('probe').stack ?? '';
}

export async function stackProbeWorkflow(): Promise<string> {
  return probeFrame();
}
