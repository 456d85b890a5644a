/**
 * The forms validate with the API's own schemas; where the web app restates one (the API's lives beside Node- or
 * Temporal-only code), it must stay the same schema.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RATINGS } from '../../machines/annual-evaluation.machine';
import { ProposeRatingArgsSchema, RateArgsSchema } from '../../workflows/annual-evaluation.messages';
import { ProposalBodySchema, RATINGS as WEB_RATINGS, RatingBodySchema } from '../../web/src/schemas';

describe("the rating forms' schemas", () => {
  it("are the API's proposal and rating bodies", () => {
    expect(WEB_RATINGS).toEqual(RATINGS);
    expect(z.toJSONSchema(ProposalBodySchema)).toEqual(z.toJSONSchema(ProposeRatingArgsSchema.omit({ actor: true })));
    expect(z.toJSONSchema(RatingBodySchema)).toEqual(z.toJSONSchema(RateArgsSchema.omit({ actor: true })));
  });

  it('refuse a missing rating and accept empty notes, as the API does', () => {
    expect(RatingBodySchema.safeParse({}).success).toBe(false);
    expect(ProposalBodySchema.safeParse({ rating: 'GOOD', notes: '' }).success).toBe(true);
    expect(ProposalBodySchema.safeParse({ rating: 'BEST', notes: '' }).success).toBe(false);
  });
});
