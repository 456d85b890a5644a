import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AuditAnchor } from '../domain/audit/chain';
import type { SignedCheckpoint } from '../domain/audit/checkpoints';

export type { SignedCheckpoint } from '../domain/audit/checkpoints';

export type { AuditAnchor } from '../domain/audit/chain';

/** One anchor workflow per namespace, under this fixed id: the service starts it at start-up if it is not running. */
export const AUDIT_ANCHOR_WORKFLOW_ID = 'audit-anchor';

export interface AuditAnchorInput {
  /** Minutes between two anchors (AUDIT_ANCHOR_MINUTES). */
  everyMinutes: number;
  /** Anchorings before the run continues as new; 200 unless given (tests give fewer). */
  anchoringsPerRun?: number | undefined;
  /** The latest anchors, oldest first, handed over by continue-as-new. */
  anchors?: AuditAnchor[] | undefined;
  /** The last time the chain no longer held the latest anchor, handed over by continue-as-new. */
  lastRefusal?: AnchorRefusal | undefined;
  /** The latest signed checkpoints, oldest first, handed over by continue-as-new. */
  checkpoints?: SignedCheckpoint[] | undefined;
}

/** An anchoring that found the chain no longer holding the latest anchor: the anchor was kept, not moved. */
export interface AnchorRefusal {
  at: string;
  anchor: AuditAnchor;
  head: { seq: number; hash: string };
  /** Why the Merkle log refused to sign: its tree no longer extends the last checkpoint. */
  checkpoint?: string | undefined;
}

export interface AuditAnchorView {
  /** Oldest first; the last is the one the chain is checked against. */
  anchors: AuditAnchor[];
  lastRefusal: AnchorRefusal | null;
  /** The latest signed checkpoints of the Merkle log, oldest first; the last is the one the next must extend. */
  checkpoints?: SignedCheckpoint[];
}

export const auditAnchorsQuery = defineQuery<AuditAnchorView>('auditAnchors');
/** Anchors the head now (after the anchors already asked for), and returns the anchor the chain is checked against. */
export const anchorNowUpdate = defineUpdate<AuditAnchor>('anchorNow');
/**
 * Asks for an anchoring and a checkpoint at once, without waiting for it: sent when a decision is issued, so that a
 * checkpoint covering the decision's row is signed by the log's one signer, this workflow.
 */
export const checkpointNowSignal = defineSignal<[{ reason: string }], 'checkpointNow'>('checkpointNow');
