import type { ComplaintVisibility } from '../../machines/access';
import type { ComplaintRow } from '../../domain/complaints/reads';
import type { ComplaintTrail } from '../../domain/complaints/trail';
import type { ComplaintBody } from './schemas';

/** A complaint as the caller may see it: a recorder does not see the findings. */
export function present(row: ComplaintRow, visibility: ComplaintVisibility, trail: ComplaintTrail): ComplaintBody {
  const v = row.verification;
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    officialId: row.officialId,
    summary: row.summary,
    source: row.source,
    receivedOn: trail.receivedOn,
    state: row.state,
    filedById: row.filedById,
    filedAt: row.filedAt.toISOString(),
    verificationDueAt: row.verificationDueAt.toISOString(),
    verifierId: trail.verifierId ?? v?.verifiedById ?? null,
    visibility,
    verification: v && {
      outcome: v.outcome,
      findings: visibility === 'full' ? v.findings : null,
      verifiedById: v.verifiedById,
      verifiedAt: v.verifiedAt.toISOString(),
    },
  };
}
