// The plan review's public API, for the commands beside it and for the integration tests.
export { KIND_LABEL, kindOf } from "./actions";
export type { Kind } from "./actions";
export { configurationBeside, readConfiguration } from "./configuration";
export type { ResourceConfiguration, StackConfiguration } from "./configuration";
export { diffResource, diffValues } from "./diff";
export type { AttributeChange } from "./diff";
export { flowchart, mermaidId } from "./mermaid";
export type { PlanJson, ResourceChange } from "./plan-json";
export { BUILT_IN_MASKS, maskLabel, PROJECT_MASKS, resolveMasks } from "./masks";
export type { Masks, MaskSettings, PatternMask } from "./masks";
export { hasLocalState, knownSecrets, overallCode, PLAN_ARTIFACT, planStack, planStacks } from "./planner";
export type { StackPlan } from "./planner";
export { reviewPlan } from "./review";
export type { ActionRow, Counts, DriftRow, PlanReview, ReviewRow } from "./review";
// Every output (summary, plan.txt, failure summary, drift report, plan:verify) goes through `scrub`.
export { scrub, SENSITIVE, spellings } from "./scrub";
export type { ScrubOptions } from "./scrub";
export { sensitiveStrings, stateSecrets, variableSecrets } from "./sensitive";
export { headlineCounts, markerLine, renderSummary, summarizePlan } from "./summary";
export type { SummaryInput } from "./summary";
export { addressOf, planStatus, withAddresses } from "./versions";
export { COMMENT_BUDGET, commentLength, GITHUB_COMMENT_LIMIT } from "./trim";
export { fingerprint, readMarker, verificationOf } from "./fingerprint";
export type { Verification } from "./fingerprint";
export { findDrift, renderDrift } from "./drift";
export { comparePlans, renderVerify, VERIFY_EXIT } from "./verify";
