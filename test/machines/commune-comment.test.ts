import { describe, expect, it } from 'vitest';
import {
  commentCriteriaOf,
  commentVisibility,
  committeeViolation,
  criteriaViolation,
  DEFAULT_COMMENT_CRITERIA,
  leaderReadsCommentOf,
} from '../../machines/commune-comment';
import { policyContradictions } from '../../machines/policy';
import { PROGRAMME_26_FIRST_VERSION } from '../../prisma/demo/programme-26';

const comment = PROGRAMME_26_FIRST_VERSION.yearly!.comment;
const parties = { areaId: 'a1', leaderUserId: 'u-leader', headUserIds: ['u-head'], leaderReadsComment: false };

describe("the commune committee's comment form", () => {
  it("asks the version's criteria, the defaults when it names none, and keeps the form from the leader by default", () => {
    expect(commentCriteriaOf(comment)).toBe(DEFAULT_COMMENT_CRITERIA);
    const own = [{ key: 'ONLY', label: 'Một tiêu chí' }];
    expect(commentCriteriaOf({ ...comment, criteria: own })).toEqual(own);
    expect(leaderReadsCommentOf(comment)).toBe(false);
    expect(leaderReadsCommentOf({ ...comment, leaderReadsComment: true })).toBe(true);
  });

  it('refuses a version naming a criterion twice', () => {
    const twice = { key: 'SAME', label: 'x' };
    const policy = {
      ...PROGRAMME_26_FIRST_VERSION,
      yearly: { ...PROGRAMME_26_FIRST_VERSION.yearly!, comment: { ...comment, criteria: [twice, twice] } },
    };
    expect(policyContradictions(policy).map((c) => [c.rule, c.field])).toEqual([
      ['COMMENT_CRITERIA_TWICE', 'yearly.comment.criteria'],
    ]);
  });

  it("binds the form to the commune's own committee and to each criterion once", () => {
    expect(committeeViolation({ id: 'c', roles: ['AREA_COMMITTEE'], areaId: 'a1' }, 'a1')).toBeNull();
    expect(committeeViolation({ id: 'c', roles: ['AREA_COMMITTEE'], areaId: 'a2' }, 'a1')?.rule).toBe(
      'NOT_THIS_COMMUNE_COMMITTEE',
    );
    const answers = DEFAULT_COMMENT_CRITERIA.map((c) => ({ key: c.key, text: 'ok' }));
    const form = { level: 'GOOD' as const, criteria: answers, overall: 'ok' };
    expect(criteriaViolation(DEFAULT_COMMENT_CRITERIA, form)).toBeNull();
    expect(criteriaViolation(DEFAULT_COMMENT_CRITERIA, { ...form, criteria: answers.slice(1) })?.rule).toBe(
      'COMMENT_CRITERIA_MISMATCH',
    );
  });

  it('lets the committee, the head, the Standing Committee and the auditor read; the leader only when the version says so', () => {
    const reader = (userId: string, ...roles: string[]) => ({ userId, roles: roles as never, areaId: 'a1' });
    expect(commentVisibility(reader('c', 'AREA_COMMITTEE'), parties)).toBe('FULL');
    expect(commentVisibility({ ...reader('c', 'AREA_COMMITTEE'), areaId: 'a2' }, parties)).toBeNull();
    expect(commentVisibility(reader('u-head', 'AGENCY_HEAD'), parties)).toBe('FULL');
    expect(commentVisibility(reader('u-other-head', 'AGENCY_HEAD'), parties)).toBeNull();
    expect(commentVisibility(reader('s', 'STANDING_COMMITTEE_MEMBER'), parties)).toBe('FULL');
    expect(commentVisibility(reader('au', 'AUDITOR'), parties)).toBe('FULL');
    expect(commentVisibility(reader('h', 'HEAD_OF_BOARD'), parties)).toBe('GROUND');
    expect(commentVisibility(reader('u-leader', 'AGENCY_LEADER'), parties)).toBeNull();
    expect(commentVisibility(reader('u-leader', 'AGENCY_LEADER'), { ...parties, leaderReadsComment: true })).toBe(
      'FULL',
    );
    // A head who is the leader monitored reads about themself only as the version says.
    expect(commentVisibility(reader('u-head', 'AGENCY_HEAD'), { ...parties, leaderUserId: 'u-head' })).toBeNull();
  });
});
