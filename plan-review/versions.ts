// The plan shapes of Terraform 0.12 to 1.14, read into the one shape the review works on.
// - Terraform 0.15.4 to 1.0.0 wrote `resource_drift` entries without `address`: it is rebuilt
//   from `module_address`, `mode`, `type`, `name` and `index`.
// Everything else the newer versions add is optional in plan-json.ts and read where it is used:
// `importing.identity` (1.13), `action_invocations` and the action pair `["create", "forget"]`
// (1.14), `errored` and `complete` (1.8+).
import { PlanJson, ResourceChange } from "./plan-json";

/** `module.a.aws_x.y["k"]`: an entry's address, from its parts when Terraform left it out. */
export function addressOf(change: Partial<ResourceChange>): string {
  if (typeof change.address === "string" && change.address !== "") return change.address;
  const prefix = change.module_address ? `${change.module_address}.` : "";
  const mode = change.mode === "data" ? "data." : "";
  const index =
    change.index === undefined || change.index === null
      ? ""
      : typeof change.index === "number"
        ? `[${change.index}]`
        : `[${JSON.stringify(change.index)}]`;
  return `${prefix}${mode}${change.type ?? "unknown"}.${change.name ?? "unknown"}${index}`;
}

function addressed(changes: readonly ResourceChange[] | undefined): readonly ResourceChange[] | undefined {
  if (!changes || changes.every((c) => typeof c.address === "string" && c.address !== "")) return changes;
  return changes.map((c) => ({ ...c, address: addressOf(c) }));
}

/** The plan with every resource change and drift entry addressed (a no-op on today's plans). */
export function withAddresses(plan: PlanJson): PlanJson {
  const changes = addressed(plan.resource_changes);
  const drift = addressed(plan.resource_drift);
  if (changes === plan.resource_changes && drift === plan.resource_drift) return plan;
  return { ...plan, resource_changes: changes, resource_drift: drift };
}

/** Whether the plan is not the whole story: it stopped at an error, or deferred changes to a later plan. */
export function planStatus(plan: PlanJson): "complete" | "errored" | "incomplete" {
  if (plan.errored === true) return "errored";
  if (plan.complete === false) return "incomplete";
  return "complete";
}
