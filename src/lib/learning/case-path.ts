/**
 * The path a learner has taken through a branching case, in words: for each
 * step, the situation (its first sentence) and the choice made. Pure, so the
 * wording is tested without a database; steps the case no longer has (it was
 * edited since) are left out rather than shown half.
 */
import type { Case } from '../content/schema';
import { firstSentence } from '../web/course-card';

export interface PathStep {
  situation: string;
  choice: string;
}

/** The steps of `path` (points and options chosen, in order) as the learner reads them. */
export function describeCasePath(c: Case, path: readonly { point: string; option: string }[]): PathStep[] {
  const points = new Map(c.points.map((p) => [p.id, p]));
  return path.flatMap((step) => {
    const point = points.get(step.point);
    const option = point?.options.find((o) => o.id === step.option);
    return point && option ? [{ situation: firstSentence(point.prompt), choice: option.text }] : [];
  });
}
