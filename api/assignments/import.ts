/**
 * Importing a roster of the assignments already in force: the file read within the import's bounds, outside the event
 * loop (domain/assignments/roster-file.ts), every row checked and the register taken (domain/assignments/import.ts),
 * then each row's workflow started in file order. All rows or none are accepted; a row already started (the same file
 * again) is reported as already imported.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Actor } from '../../machines/actor';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { policyInForce } from '../../domain/programmes/reads';
import type { PrismaClient } from '../../prisma/database';
import { assignmentWorkflow, type AssignmentWorkflowInput } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId } from '../../workflows/ids';
import { claimAreaPlace } from '../../domain/assignments/area-claims';
import {
  type ImportedRow,
  type ImportResult,
  reserveImportedDecision,
  validateRoster,
} from '../../domain/assignments/import';
import { readRosterFile } from '../../domain/assignments/roster-file';
import { workflowStarted } from './workflow';

export interface ImportDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

export interface RosterImport {
  /** The file's name as given, recorded in each assignment's timeline. */
  file: string;
  /** The file: CSV text, or an .xlsx workbook's bytes (roster-file.ts). */
  content: string | Buffer;
  /** Who imports: an administrator or a member of Board leadership. */
  actor: Actor;
  /** The import day; today in Vietnam by default. */
  today?: string | undefined;
}

/** Imports a roster file: all of it, or nothing. */
export async function importRoster(deps: ImportDeps, request: RosterImport): Promise<ImportResult> {
  const { prisma, temporal, taskQueue } = deps;
  const today = request.today ?? dayOf(Date.now());
  const rows = await readRosterFile(request.content);
  const valid = await validateRoster(prisma, rows, today);
  const started = (id: string) =>
    workflowStarted(() => temporal.workflow.getHandle(assignmentWorkflowId(id)).describe());
  const result: ImportResult = { file: request.file, importedOn: today, imported: [], alreadyImported: [] };
  const held = new Set<string>();
  for (const row of valid) {
    const summary: ImportedRow = {
      line: row.line,
      assignmentId: row.assignmentId,
      areaId: row.areaId,
      officialId: row.officialId,
      decisionNumber: row.decisionNumber,
      effectiveFrom: row.effectiveFrom,
    };
    if (await started(row.assignmentId)) {
      result.alreadyImported.push(summary);
      continue;
    }
    // A decision appointing several officials is one row of the register: the first of them takes its number.
    const placeKey = `${row.place.register}|${row.place.year}|${row.place.sequence}`;
    if (!held.has(placeKey)) {
      await reserveImportedDecision(prisma, row);
      held.add(placeKey);
    }
    await claimAreaPlace(prisma, row, started);
    const input: AssignmentWorkflowInput = {
      assignmentId: row.assignmentId,
      areaId: row.areaId,
      officialId: row.officialId,
      groupId: row.groupId,
      // The original proposer is not on record; the importer is, on the timeline's first step.
      proposedBy: 'system',
      reason: `In force since ${row.effectiveFrom}, imported from ${request.file} (line ${row.line})`,
      effectiveFrom: row.effectiveFrom,
      policy: (await policyInForce(prisma, DEFAULT_PROGRAMME_ID, today)).policy,
      appointedBy: { approver: row.signer, decision: row.decision },
      imported: { on: today, by: request.actor.id, file: request.file, line: row.line },
      ...(row.servedFrom && { servedFrom: row.servedFrom }),
    };
    try {
      await temporal.workflow.start(assignmentWorkflow, {
        taskQueue,
        workflowId: assignmentWorkflowId(row.assignmentId),
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      result.imported.push(summary);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      result.alreadyImported.push(summary);
    }
  }
  return result;
}
