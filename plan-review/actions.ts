// What a resource change does, in the reviewer's words, and in which order changes are listed:
// the most dangerous first.
import { ResourceChange } from "./plan-json";

/** What happens to a resource. `move` and `import` alone are changes of the state only. */
export type Kind = "destroy" | "replace" | "update" | "create" | "import" | "move" | "forget";

/** Most dangerous first: the order of the table and of the callouts. */
export const KIND_ORDER: readonly Kind[] = ["destroy", "replace", "update", "create", "import", "move", "forget"];

export const KIND_LABEL: Readonly<Record<Kind, string>> = {
  destroy: "🔴 destroy",
  replace: "🟠 replace",
  update: "🟡 update",
  create: "🟢 create",
  import: "🔵 import",
  move: "🔵 move",
  forget: "⚪ forget",
};

/**
 * The kind of a managed resource's change, or undefined when it changes nothing (a no-op that is
 * neither moved nor imported) or is a data source read.
 */
export function kindOf(change: ResourceChange): Kind | undefined {
  if (change.mode !== "managed") return undefined;
  const actions = change.change.actions.join(",");
  switch (actions) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "destroy";
    // (and Terraform 1.14's create-then-forget: the old object is kept in AWS, dropped from the state)
    case "delete,create":
    case "create,delete":
    case "create,forget":
    case "forget,create":
      return "replace";
    case "forget":
      return "forget";
    case "no-op":
      if (change.change.importing) return "import";
      if (change.previous_address && change.previous_address !== change.address) return "move";
      return undefined;
    default:
      return undefined; // read: data sources
  }
}

/** Whether the resource also moves from another address (a `moved` block). */
export function isMoved(change: ResourceChange): boolean {
  return change.previous_address !== undefined && change.previous_address !== change.address;
}

/** A replacement whose current object is forgotten, not destroyed (`["create", "forget"]`, Terraform 1.14). */
export function forgetsOld(change: ResourceChange): boolean {
  return change.change.actions.includes("forget") && change.change.actions.includes("create");
}

export function isImported(change: ResourceChange): boolean {
  return change.change.importing !== undefined;
}

/** Sorts changes most dangerous first, then by address. */
export function byDanger<T extends { readonly kind: Kind; readonly address: string }>(a: T, b: T): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareAddresses(a.address, b.address);
}

/** A stable order independent of the locale. */
export function compareAddresses(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
