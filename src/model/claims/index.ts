/**
 * Derived claims from one module (issue 29, item 2): sums and their qualifiers, ranks, the
 * largest, firsts and the date the data runs to, each with the facts, rule and qualifiers
 * behind it, for the renderers to print and record and for `bulletin verify` to recompute.
 */
export { aidSumQualifiers, type AidSumQualifiers } from './aid-sum.js';
export { firstEvidence, knownBy, type FirstEvidence } from './firsts.js';
export {
  comparableTotals,
  comparedPartners,
  deckPartners,
  edgesHold,
  figuresAsOf,
  rankAmong,
  statedTotals,
} from './derive.js';
export { evaluateClaim, makeClaim, ruleOf, type ClaimQuestion } from './evaluate.js';
export { missingQualifiers, qualifierWords, QUALIFIER_MEANING } from './markers.js';
export { Claim, ClaimsRecord, QualifierId } from './schema.js';
export { firstWording, mixOf, unsaid } from './wording.js';
