import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  anchorNowUpdate,
  type AuditAnchorInput,
  auditAnchorsQuery,
  checkpointNowSignal,
} from './audit-anchor.messages';

/** Reading the head retries until the database answers. */
const { readAuditHead, signAuditCheckpoint } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Anchors kept in the workflow's state and handed over by continue-as-new. */
const ANCHORS_KEPT = 20;
/** Anchorings per run: about a dozen events each, so a run's history stays a few thousand events. */
const ANCHORINGS_PER_RUN = 200;

/**
 * Anchors the audit chain: every `everyMinutes` (and on the `anchorNow` update) it reads the chain's head, seq and
 * hash, and keeps it in its history, where the database cannot rewrite it. `GET /audit/verify` checks the chain
 * against the latest anchor (`auditAnchors` query): the anchored row must still hold the anchored hash, and the chain
 * must not end before it. If the chain no longer holds the latest anchor when anchoring, the anchor is kept (not moved
 * onto the truncated or rewritten chain) and the refusal is kept beside it.
 */
export async function auditAnchorWorkflow(input: AuditAnchorInput): Promise<never> {
  const anchors = [...(input.anchors ?? [])];
  let lastRefusal = input.lastRefusal;
  const checkpoints = [...(input.checkpoints ?? [])];
  let asked = 0;
  let served = 0;
  setHandler(auditAnchorsQuery, () => ({ anchors, lastRefusal: lastRefusal ?? null, checkpoints }));
  setHandler(anchorNowUpdate, async () => {
    const ticket = (asked += 1);
    await condition(() => served >= ticket);
    return anchors.at(-1)!;
  });
  // A decision issued: one more round, which signs a checkpoint covering its row; asked together, served together.
  setHandler(checkpointNowSignal, () => {
    asked += 1;
  });

  const everyMs = input.everyMinutes * 60_000;
  for (let round = 0; ; round += 1) {
    // A fresh workflow anchors at once; a continued one anchored just before it continued.
    if (round > 0 || anchors.length > 0) await condition(() => asked > served, everyMs);
    const ticket = asked;
    const previous = anchors.at(-1);
    const { head, followsPrevious } = await readAuditHead(previous);
    const at = new Date(Date.now()).toISOString();
    if (!followsPrevious) lastRefusal = { at, anchor: previous!, head };
    else if (previous && previous.seq === head.seq && previous.hash === head.hash)
      anchors[anchors.length - 1] = { ...head, at };
    else anchors.push({ ...head, at });
    if (anchors.length > ANCHORS_KEPT) anchors.splice(0, anchors.length - ANCHORS_KEPT);
    // Runs recorded before the Merkle log anchored the chain's head alone.
    if (patched('audit-checkpoints')) {
      const outcome = await signAuditCheckpoint(checkpoints.at(-1));
      if ('signed' in outcome) {
        if (outcome.fresh) checkpoints.push(outcome.signed);
        // The same checkpoint again, which a witness may have cosigned since.
        else if (checkpoints.length > 0) checkpoints[checkpoints.length - 1] = outcome.signed;
        if (followsPrevious) anchors[anchors.length - 1] = { ...anchors.at(-1)!, checkpoint: outcome.signed };
      } else {
        lastRefusal = { at, anchor: previous ?? anchors.at(-1)!, head, checkpoint: outcome.refused };
      }
      if (checkpoints.length > ANCHORS_KEPT) checkpoints.splice(0, checkpoints.length - ANCHORS_KEPT);
    }
    served = ticket;

    if (round + 1 >= (input.anchoringsPerRun ?? ANCHORINGS_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      // An `anchorNow` waiting for this round finishes first; one asked meanwhile is served before continuing.
      await condition(() => allHandlersFinished() || asked > served);
      if (asked === served)
        return continueAsNew<typeof auditAnchorWorkflow>({ ...input, anchors, lastRefusal, checkpoints });
    }
  }
}
