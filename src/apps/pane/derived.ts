// What the pane draws from a refresh's result besides the result itself: the review model, the owners
// to chase and the top risks. At 100,000 rows making them took 250–360 ms of the page's thread inside
// one React render (issue 23: no task over 200 ms), so the pane makes them before showing the result,
// a slice per task, and the render (and the headline) only looks them up.
import type { ItemReport, OwnerToChase, RefreshResult } from '../../engine';
import { ownersToChase, topRisks } from '../../engine';
import { reviewSteps, type ReviewModel } from './review';

export interface Derived {
  review: ReviewModel;
  owners: OwnerToChase[];
  risks: ItemReport[];
}

const made = new WeakMap<RefreshResult, Derived>();

/** Parts made elsewhere (the page's worker makes the owners and top risks before sending the result). */
const seeded = new WeakMap<RefreshResult, Partial<Omit<Derived, 'review'>>>();

/** Gives `prepare` the owners and top risks of `result`, made where the result was made. */
export function seed(result: RefreshResult, parts: Partial<Omit<Derived, 'review'>>): void {
  seeded.set(result, parts);
}

/** Lets the page's thread paint and take input between slices. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One more step of the model: the model once the last step is taken, else null. */
function step(steps: Generator<void, ReviewModel>): ReviewModel | null {
  const step = steps.next();
  return step.done ? step.value : null;
}

/** What the pane draws from `result`: made now (in one go) unless `prepare` made it already. */
export function derivedOf(result: RefreshResult): Derived {
  let derived = made.get(result);
  if (!derived) {
    const steps = reviewSteps(result.report, result.links, result.plan?.risks.sheetName, Infinity);
    derived = { review: step(steps)!, owners: ownersToChase(result.report), risks: topRisks(result.report.items) };
    made.set(result, derived);
  }
  return derived;
}

/** Makes what the pane draws from `result` ahead of its render, a slice per task (`yieldTask` between). */
export async function prepare(result: RefreshResult, yieldTask: () => Promise<void> = nextTask): Promise<Derived> {
  const ready = made.get(result);
  if (ready) return ready;
  const steps = reviewSteps(result.report, result.links, result.plan?.risks.sheetName);
  let model: ReviewModel | null = null;
  while ((model = step(steps)) === null) await yieldTask();
  const given = seeded.get(result) ?? {};
  let owners = given.owners;
  if (!owners) {
    await yieldTask();
    owners = ownersToChase(result.report);
  }
  let risks = given.risks;
  if (!risks) {
    await yieldTask();
    risks = topRisks(result.report.items);
  }
  const derived = { review: model, owners, risks };
  made.set(result, derived);
  return derived;
}
