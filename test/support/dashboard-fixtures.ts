/**
 * The rows the directory and dashboard suites read (test/api/directory.test.ts, test/api/dashboard.test.ts), written
 * directly into a fresh seeded database, all dated around a fixed day T (2024-03-01, long before the time-skipping
 * server's clock) and read with `asOf`, so they never mix with assignments that run for real.
 */
import { recordOnce } from '../../domain/audit/log';
import { addDays, endOfDay, startOfDay } from '../../machines/calendar';
import type { Database } from '../../prisma/database';

export const T = '2024-03-01';
/** The first instant of the day `days` after T, and the deadline instant (end of day) of that day. */
export const at = (days: number) => new Date(startOfDay(addDays(T, days)));
export const due = (days: number) => new Date(endOfDay(addDays(T, days)));
const shiftYears = (date: Date, years: number) => {
  const shifted = new Date(date);
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted;
};

export const DEPT = { tcddv: 'department-tcddv', tccb: 'department-tccb', bvctnb: 'department-bvctnb' };

interface Fixture {
  id: string;
  officialId: string;
  areaId: string;
  state: string;
  eligibleAt: Date;
  dueAt: Date;
  approved?: boolean;
  closedAt?: Date;
  closureReason?: 'ROTATED' | 'REJECTED';
}

/** Rotation dates from the eligibility date, with the default policy's 3 and 5 years. */
const fromEligible = (eligibleAt: Date) => ({ eligibleAt, dueAt: shiftYears(eligibleAt, 2) });
const fromDue = (dueAt: Date) => ({ eligibleAt: shiftYears(dueAt, -2), dueAt });

const FX: Record<string, Fixture> = {
  // cb-012 (BVCTNB) at Tỉnh đoàn: eligible for rotation 60 days after T; carries deadlines, evaluations, complaints.
  a1: {
    id: 'fx-a1',
    officialId: 'official-cb-012',
    areaId: 'area-na-tinhdoan',
    state: 'active.serving',
    ...fromEligible(at(60)),
  },
  // cb-013 (BVCTNB): eligible 200 days after T (outside the default 90-day window).
  a2: {
    id: 'fx-a2',
    officialId: 'official-cb-013',
    areaId: 'area-na-hlhpn',
    state: 'active.serving',
    ...fromEligible(at(200)),
  },
  // cb-015 (BVCTNB): mandatory rotation 10 days overdue at T, a rotation proposal pending.
  a3: {
    id: 'fx-a3',
    officialId: 'official-cb-015',
    areaId: 'area-na-hoangmai',
    state: 'active.rotationDue',
    ...fromDue(at(-10)),
  },
  // cb-009 (TCCB): mandatory rotation 30 days after T.
  a4: {
    id: 'fx-a4',
    officialId: 'official-cb-009',
    areaId: 'area-na-dienchau',
    state: 'active.rotationEligible',
    ...fromDue(at(30)),
  },
  // cb-010 (TCCB): closed by rotation, its dates would otherwise be due.
  a5: {
    id: 'fx-a5',
    officialId: 'official-cb-010',
    areaId: 'area-na-thaihoa',
    state: 'closed',
    ...fromDue(at(-1)),
    closedAt: at(-5),
    closureReason: 'ROTATED',
  },
  // cb-013: eligible since 100 days before T, not "reaching" the threshold in the window.
  a6: {
    id: 'fx-a6',
    officialId: 'official-cb-013',
    areaId: 'area-na-kbnn',
    state: 'active.rotationEligible',
    ...fromEligible(at(-100)),
  },
  // cb-013: a rejected proposal for Tỉnh đoàn: no part of the area's history.
  a7: {
    id: 'fx-a7',
    officialId: 'official-cb-013',
    areaId: 'area-na-tinhdoan',
    state: 'closed',
    ...fromEligible(at(900)),
    approved: false,
    closedAt: at(-300),
    closureReason: 'REJECTED',
  },
  // cb-014, the auditor, once monitored Sở Nội vụ; a complaint about them stays open.
  a8: {
    id: 'fx-a8',
    officialId: 'official-cb-014',
    areaId: 'area-na-snv',
    state: 'closed',
    ...fromEligible(at(-400)),
    closedAt: at(-30),
    closureReason: 'ROTATED',
  },
  // cb-013: a proposal awaiting leadership for the Fatherland Front.
  a9: {
    id: 'fx-a9',
    officialId: 'official-cb-013',
    areaId: 'area-na-mttq',
    state: 'awaitingApproval',
    ...fromEligible(at(1200)),
    approved: false,
  },
};

/** Writes the assignments above with their deadlines, evaluations, complaints and a reported change of position. */
export async function insertFixtures(db: Database): Promise<void> {
  const prisma = db.prisma;
  const decision = await prisma.decision.create({
    data: {
      number: '15-QĐ/BTCTU/fx',
      issuedOn: shiftYears(at(60), -3),
      kind: 'APPOINTMENT',
      summary: 'Phân công theo dõi Tỉnh đoàn',
      signerId: 'official-ld-02',
    },
  });
  for (const [i, f] of Object.values(FX).entries()) {
    await prisma.assignment.create({
      data: {
        id: f.id,
        workflowId: `assignment-${f.id}`,
        areaId: f.areaId,
        officialId: f.officialId,
        state: f.state,
        proposedById: 'official-cb-011',
        approvedById: f.approved === false ? null : 'official-ld-02',
        decisionId: f.id === 'fx-a1' ? decision.id : null,
        effectiveFrom: shiftYears(f.eligibleAt, -3),
        rotationEligibleAt: f.eligibleAt,
        rotationDueAt: f.dueAt,
        closedAt: f.closedAt ?? null,
        closureReason: f.closureReason ?? null,
        // Distinct creation instants: the list is newest first.
        createdAt: new Date(at(-1000).getTime() + i * 60_000),
      },
    });
  }
  await prisma.approvalRequest.create({
    data: {
      id: 'fx-rotation-a3',
      assignmentId: 'fx-a3',
      kind: 'ROTATION',
      proposedById: 'official-ld-03',
      reason: 'Luân chuyển',
      payload: {},
      createdAt: at(-20),
    },
  });

  // Monthly deadlines of a1.
  const deadline = (
    id: string,
    subject: 'MONTHLY_PLAN' | 'MONTHLY_REPORT',
    reference: string,
    dueDay: number,
    status: 'OPEN' | 'MET' | 'MISSED',
    escalationLevel = 0,
  ) =>
    prisma.deadline.create({
      data: {
        id,
        assignmentId: 'fx-a1',
        subject,
        reference,
        dueAt: due(dueDay),
        status,
        escalationLevel,
        ...(status === 'MISSED' && { missedAt: at(dueDay + 1) }),
      },
    });
  await deadline('fx-d1-plan-2024-01', 'MONTHLY_PLAN', '2024-01', -50, 'MISSED', 2); // filed late: not overdue
  await deadline('fx-d2-report-2024-01', 'MONTHLY_REPORT', '2024-01', -25, 'MISSED', 1); // never filed: overdue
  await deadline('fx-d3-plan-2024-02', 'MONTHLY_PLAN', '2024-02', -20, 'OPEN'); // past due, miss not recorded; filed at T+2
  await deadline('fx-d4-report-2024-02', 'MONTHLY_REPORT', '2024-02', 4, 'OPEN'); // due 4 days after T
  await deadline('fx-d5-plan-2023-12', 'MONTHLY_PLAN', '2023-12', -85, 'MET');
  await prisma.escalation.createMany({
    data: [
      {
        deadlineId: 'fx-d1-plan-2024-01',
        level: 1,
        target: 'GROUP_LEADER',
        recipientId: 'official-cb-011',
        at: at(-49),
      },
      {
        deadlineId: 'fx-d1-plan-2024-01',
        level: 2,
        target: 'LEADER_IN_CHARGE',
        recipientId: 'official-ld-02',
        at: at(-46),
      },
      {
        deadlineId: 'fx-d2-report-2024-01',
        level: 1,
        target: 'GROUP_LEADER',
        recipientId: 'official-cb-011',
        at: at(-24),
      },
    ],
  });
  const plan = {
    assignmentId: 'fx-a1',
    content: 'Kế hoạch làm việc với Ban Thường vụ Tỉnh đoàn',
    filedById: 'official-cb-012',
  };
  // Đ8.1: content, time (the trip's day, in its month) and place.
  const trip = (period: string) => ({ period, plannedFor: new Date(`${period}-10`), place: 'Trụ sở Tỉnh đoàn' });
  await prisma.monthlyPlan.createMany({
    data: [
      { ...plan, ...trip('2023-12'), filedAt: at(-90), late: false },
      { ...plan, ...trip('2024-01'), filedAt: at(-45), late: true },
      { ...plan, ...trip('2024-02'), filedAt: at(2), late: true },
    ],
  });

  // Annual evaluations of a1.
  const evaluation = { assignmentId: 'fx-a1' };
  await prisma.annualEvaluation.createMany({
    data: [
      { ...evaluation, id: 'fx-e2023', year: 2023, state: 'requested.overdue', requestedAt: at(-91), dueAt: due(-55) },
      {
        ...evaluation,
        id: 'fx-e2022',
        year: 2022,
        state: 'ratingProposed',
        requestedAt: at(-456),
        dueAt: due(-420),
        receivedAt: at(-425),
        proposedRating: 'GOOD',
        proposedById: 'official-cb-011',
      },
      {
        ...evaluation,
        id: 'fx-e2021',
        year: 2021,
        state: 'rated',
        requestedAt: at(-821),
        dueAt: due(-785),
        receivedAt: at(-790),
        proposedRating: 'GOOD',
        rating: 'EXCELLENT',
        ratedAt: at(-760),
        ratedById: 'official-ld-02',
      },
      { ...evaluation, id: 'fx-e2024', year: 2024, state: 'requested.awaiting', requestedAt: at(275), dueAt: due(310) },
    ],
  });

  // Complaints: two open about cb-012, one closed, one open about the auditor.
  const complaint = (
    id: string,
    assignmentId: string,
    officialId: string,
    state: string,
    filedDay: number,
    dueDay: number,
  ) =>
    prisma.complaint.create({
      data: {
        id,
        workflowId: `complaint-${id}`,
        assignmentId,
        officialId,
        summary: 'Đơn phản ánh',
        source: 'Đơn thư',
        state,
        filedById: 'official-cb-014',
        filedAt: at(filedDay),
        verificationDueAt: due(dueDay),
      },
    });
  await complaint('fx-c1', 'fx-a1', 'official-cb-012', 'underVerification.inTime', -10, 30);
  await complaint('fx-c2', 'fx-a1', 'official-cb-012', 'underVerification.overdue', -60, -15);
  await complaint('fx-c3', 'fx-a1', 'official-cb-012', 'verifiedUnfounded', -200, -160);
  await complaint('fx-c4', 'fx-a8', 'official-cb-014', 'filed', -5, 40);

  // A change of position reported on a1, through the audit chain as the workflow writes it.
  await recordOnce(
    db,
    {
      idempotencyKey: 'fx-a1-position-change',
      at: at(-3).toISOString(),
      actorId: 'official-cb-011',
      action: 'GROUND_ESTABLISHED',
      entityType: 'Assignment',
      entityId: 'fx-a1',
      assignmentId: 'fx-a1',
      payload: { ground: { kind: 'POSITION_CHANGED', note: 'Bổ nhiệm Phó Trưởng phòng' } },
    },
    async () => {},
  );
}
