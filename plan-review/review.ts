// A plan read for review: every change with its construct path and attribute diff, the counts,
// the drift, what ignore_changes hides, and the dependency graph. Rendering is summary.ts's job.
import { byDanger, compareAddresses, forgetsOld, isImported, isMoved, Kind, kindOf } from "./actions";
import { configurationAddress, EMPTY_CONFIGURATION, resourceInfo, StackConfiguration } from "./configuration";
import { indexConfiguration } from "./dependencies";
import { diffResource, diffValues, formatPath, ResourceDiff } from "./diff";
import {
  ignoredChanges,
  IgnoredAttributes,
  IgnoredConsequence,
  ReleasedService,
  releasedServices,
  RunningImages,
} from "./ignore-changes";
import { GraphEdge, GraphNode } from "./mermaid";
import { PlanAction, PlanJson } from "./plan-json";
import { changeMarks, sensitiveStrings } from "./sensitive";
import { canonical, renderValue } from "./values";
import { planStatus, withAddresses } from "./versions";

export interface ReviewRow {
  readonly address: string;
  readonly kind: Kind;
  readonly constructPath?: string;
  /** Where the resource moves from (a `moved` block). */
  readonly previousAddress?: string;
  /** The id it is imported with (an `import` block). */
  readonly importId?: string;
  /** The identity it is imported with, as JSON, when the import names no id (Terraform 1.13). */
  readonly importIdentity?: string;
  /** A replacement that forgets the current object instead of destroying it (Terraform 1.14). */
  readonly forgetsOld?: boolean;
  /** The attributes that force a replacement (`replace_paths`). */
  readonly forcedBy: readonly string[];
  /** Terraform's reason for the action, e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly reason?: string;
  readonly diff: ResourceDiff;
}

export interface DriftRow {
  readonly address: string;
  readonly constructPath?: string;
  /**
   * `update` (changed outside Terraform), `delete` (deleted outside Terraform) or `move` (the refresh
   * found the object under another address: `previousAddress`).
   */
  readonly action: "update" | "delete" | "move";
  readonly previousAddress?: string;
  readonly diff: ResourceDiff;
  /**
   * Whether this plan depends on the drift: the resource changes in this plan, was deleted, or
   * the drifted attribute is one of the plan's `relevant_attributes`. Terraform's own plan text
   * shows only such drift; the rest is mostly what AWS fills in after an apply (an EIP's
   * association, a security group's rules managed as separate resources).
   */
  readonly relevant: boolean;
}

export interface Counts {
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
  readonly import: number;
  readonly move: number;
  readonly forget: number;
}

/** A provider action the apply runs (Terraform 1.14). */
export interface ActionRow {
  readonly address: string;
  /** What triggers it: `after_create of aws_x.y`, or `invoked directly`. */
  readonly trigger: string;
  /** Its configuration, rendered (sensitive parts masked). */
  readonly config?: string;
}

export interface PlanReview {
  /** `complete`, or why the plan is not the whole story: it stopped at an error, or deferred changes. */
  readonly status: "complete" | "errored" | "incomplete";
  /** Every changed managed resource, most dangerous first. */
  readonly rows: readonly ReviewRow[];
  readonly counts: Counts;
  readonly drift: readonly DriftRow[];
  readonly ignored: readonly IgnoredAttributes[];
  readonly consequences: readonly IgnoredConsequence[];
  /** ECS services that run a release's revision, not Terraform's: what the plan itself cannot show. */
  readonly released: readonly ReleasedService[];
  /** Outputs whose value changes, by name. */
  readonly outputs: readonly { readonly name: string; readonly actions: readonly PlanAction[] }[];
  readonly actions: readonly ActionRow[];
  readonly graph: { readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] };
  /** Every sensitive value of the plan, to scrub from any text shown with the review. */
  readonly secrets: ReadonlySet<string>;
}

/**
 * Reads a plan for review. `configuration` is the stack's `cdk.tf.json`, for construct paths and ignore
 * rules; `images`, the images of running revisions the plan does not hold (looked up by the planner).
 */
export function reviewPlan(
  read: PlanJson,
  configuration: StackConfiguration = EMPTY_CONFIGURATION,
  images: RunningImages = new Map(),
): PlanReview {
  const plan = withAddresses(read);
  const index = indexConfiguration(plan);
  const changes = plan.resource_changes ?? [];
  const rows: ReviewRow[] = [];
  const kinds = new Map<string, Kind>();
  for (const change of changes) {
    const kind = kindOf(change);
    if (!kind) continue;
    kinds.set(change.address, kind);
    const configured = index.get(configurationAddress(change.address))?.arguments;
    rows.push({
      address: change.address,
      kind,
      constructPath: resourceInfo(configuration, change.address).constructPath,
      previousAddress: isMoved(change) ? change.previous_address : undefined,
      importId: change.change.importing?.id,
      importIdentity:
        change.change.importing && change.change.importing.id === undefined && change.change.importing.identity
          ? JSON.stringify(canonical(change.change.importing.identity))
          : undefined,
      forgetsOld: kind === "replace" && forgetsOld(change),
      forcedBy: kind === "replace" ? (change.change.replace_paths ?? []).map(formatPath) : [],
      reason: change.action_reason,
      diff: diffResource(change.change, kind, configured),
    });
  }
  rows.sort(byDanger);

  const count = (kind: Kind) => rows.filter((r) => r.kind === kind).length;
  const counts: Counts = {
    add: count("create"),
    change: count("update"),
    replace: count("replace"),
    destroy: count("destroy"),
    import: changes.filter((c) => c.mode === "managed" && isImported(c)).length,
    move: changes.filter((c) => c.mode === "managed" && isMoved(c)).length,
    forget: count("forget"),
  };

  const relevantPaths = new Map<string, string[]>();
  for (const { resource, attribute } of plan.relevant_attributes ?? []) {
    relevantPaths.set(resource, [...(relevantPaths.get(resource) ?? []), formatPath(attribute)]);
  }
  const touches = (address: string, path: string) =>
    (relevantPaths.get(address) ?? []).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  const drift: DriftRow[] = [];
  for (const change of plan.resource_drift ?? []) {
    if (change.mode !== "managed") continue;
    const moved = isMoved(change);
    const action = change.change.actions.join(",") === "delete" ? "delete" : moved ? "move" : "update";
    const marks = changeMarks(change.change);
    const changed = action === "delete" ? [] : diffValues(change.change.before, change.change.after, marks);
    if (action === "update" && changed.length === 0) continue; // only empty-versus-null and AWS's normalization
    drift.push({
      address: change.address,
      constructPath: resourceInfo(configuration, change.address).constructPath,
      action,
      previousAddress: moved ? change.previous_address : undefined,
      diff: { changes: changed, knownAfterApply: [] },
      relevant:
        action !== "update" || kinds.has(change.address) || changed.some((c) => touches(change.address, c.path)),
    });
  }
  drift.sort((a, b) => compareAddresses(a.address, b.address));

  const { ignored, consequences } = ignoredChanges(changes, kinds, configuration, index, images);

  const nodes: GraphNode[] = rows.map((r) => ({ address: r.address, kind: r.kind, constructPath: r.constructPath }));
  const byConfig = new Map<string, string[]>();
  for (const node of nodes) {
    const key = configurationAddress(node.address);
    byConfig.set(key, [...(byConfig.get(key) ?? []), node.address]);
  }
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    for (const dependency of index.get(configurationAddress(node.address))?.dependsOn ?? []) {
      for (const target of byConfig.get(dependency) ?? []) edges.push({ from: node.address, to: target });
    }
  }

  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, o]) => !["no-op", "read"].includes(o.actions.join(",")))
    .map(([name, o]) => ({ name, actions: o.actions }))
    .sort((a, b) => compareAddresses(a.name, b.name));

  const actions: ActionRow[] = (plan.action_invocations ?? []).map((invocation) => {
    const trigger = invocation.lifecycle_action_trigger;
    const config = invocation.config_values;
    return {
      address: invocation.address ?? `action.${invocation.type ?? "unknown"}.${invocation.name ?? "unknown"}`,
      trigger: trigger
        ? `${trigger.action_trigger_event ?? "a lifecycle event"} of ${trigger.triggering_resource_address ?? "a resource"}`
        : "invoked directly",
      config: config === undefined || config === null ? undefined : renderValue(config, invocation.config_sensitive),
    };
  });

  return {
    status: planStatus(plan),
    actions,
    rows,
    counts,
    drift,
    ignored,
    consequences,
    released: releasedServices(changes, images),
    outputs,
    graph: { nodes, edges },
    secrets: sensitiveStrings(plan),
  };
}

/** Whether a plan changes anything at all (including moves and imports of state). */
export function hasChanges(review: PlanReview): boolean {
  return review.rows.length > 0 || review.outputs.length > 0 || review.actions.length > 0;
}
