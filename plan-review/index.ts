// The plan review's public API, for the commands beside it and for the integration tests.
export { KIND_LABEL, kindOf } from "./actions";
export type { Kind } from "./actions";
export { configurationBeside, readConfiguration } from "./configuration";
export type { ResourceConfiguration, StackConfiguration } from "./configuration";
export { diffResource, diffValues } from "./diff";
export type { AttributeChange } from "./diff";
export { flowchart, mermaidId } from "./mermaid";
export type { PlanJson, ResourceChange } from "./plan-json";
export { hasLocalState, overallCode, PLAN_ARTIFACT, planStack, planStacks } from "./planner";
export type { StackPlan } from "./planner";
export { reviewPlan } from "./review";
export type { Counts, DriftRow, PlanReview, ReviewRow } from "./review";
export { scrub, SENSITIVE, sensitiveStrings } from "./sensitive";
export { headlineCounts, markerLine, renderSummary, summarizePlan } from "./summary";
export type { SummaryInput } from "./summary";
export { COMMENT_BUDGET, commentLength, GITHUB_COMMENT_LIMIT } from "./trim";
