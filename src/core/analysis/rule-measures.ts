import type { AssociationRule } from "./association";

/**
 * A rule's measures in the order every rules table lists them after the antecedent and consequent: count,
 * support, confidence, lift, leverage, conviction, stratified lift, p-value. Conviction and stratified lift
 * may be infinite; `unbounded` writes those two as the table wants (a sheet "∞", a CSV "inf").
 */
export function ruleMeasures<C>(rule: AssociationRule, unbounded: (v: number) => C): readonly (number | C)[] {
  return [
    rule.count,
    rule.support,
    rule.confidence,
    rule.lift,
    rule.leverage,
    unbounded(rule.conviction),
    unbounded(rule.stratifiedLift),
    rule.pValue,
  ];
}
