/**
 * Steps taken together, written together: `add` queues a step's write and answers when it has landed;
 * `flush` sends everything queued, in the order it was taken, as one write. A workflow flushes before it waits on
 * anything and before it ends, so nothing stays queued while it is idle.
 */
export class StepBatch<Step, Outcome> {
  private queued: { step: Step; settle: (outcome: Promise<Outcome>) => void }[] = [];

  constructor(private readonly send: (steps: Step[]) => Promise<Outcome[]>) {}

  add(step: Step): Promise<Outcome> {
    return new Promise((resolve) => this.queued.push({ step, settle: resolve }));
  }

  async flush(): Promise<void> {
    const batch = this.queued.splice(0);
    if (batch.length === 0) return;
    const sent = this.send(batch.map((queued) => queued.step));
    batch.forEach((queued, i) => queued.settle(sent.then((outcomes) => outcomes[i]!)));
    await sent;
  }
}
