import { expect } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { SEEDED_USERS as USERS } from './api-client';
import type { ApiSuite } from './api-suite';
import type { Issued, TestCa } from './test-ca';

export const SIGNING_REGISTER = 'QĐ/BTCTU';
export const DECISION_SIGNER = 'official-ld-02';

export interface IssuedDecision {
  decisionId: string;
  assignmentId: string;
  /** The PDF as issued, the bytes a signer signs. */
  issued: Uint8Array;
  signerName: string;
  /** The signer's certificate under the test CA, naming the decision's signer. */
  signer: Issued;
}

/**
 * An appointment proposed and approved through the API with decision 1 of the register, signed by DECISION_SIGNER:
 * its issued PDF downloaded, and a certificate for its signer from the test CA.
 */
export async function issueDecisionToSign(suite: ApiSuite, ca: TestCa): Promise<IssuedDecision> {
  const today = dayOf(await suite.h.env.currentTimeMs());
  const { call, tokenOf } = suite.api;
  const proposed = await call('POST', '/assignments', 'ld04', {
    areaId: 'area-na-namdan-tt',
    officialId: 'official-cb-016',
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const assignmentId = proposed.json<{ assignmentId: string }>().assignmentId;
  const number = `1-${SIGNING_REGISTER}`;
  const approved = await call('POST', `/assignments/${assignmentId}/approve`, USERS.leader, {
    decision: { number, issuedOn: today, signerId: DECISION_SIGNER, summary: 'Phân công theo dõi địa bàn' },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const register = await call('GET', `/decisions?register=${encodeURIComponent(SIGNING_REGISTER)}`, USERS.leader);
  const decisionId = register
    .json<{ items: { id: string; number: string }[] }>()
    .items.find((d) => d.number === number)!.id;
  const pdf = await suite.app.inject({
    method: 'GET',
    url: `/decisions/${decisionId}/document?format=pdf`,
    headers: { authorization: `Bearer ${await tokenOf(USERS.leader)}` },
  });
  expect(pdf.statusCode, pdf.body).toBe(200);
  const signerName = (await suite.h.db.prisma.official.findUniqueOrThrow({ where: { id: DECISION_SIGNER } })).fullName;
  return {
    decisionId,
    assignmentId,
    issued: new Uint8Array(pdf.rawPayload),
    signerName,
    signer: await ca.signer(signerName),
  };
}
