// Terraform addresses are part of the interface: people read them in every plan, and
// renaming one destroys and recreates the resource. The note's addresses go to the first
// instance of a construct in a stack; later instances are named after their construct id.
import { TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { Problems } from "./validation";

/**
 * Which Terraform names a construct's resources take:
 * - `"note"`: the note's names, e.g. `aws_ecs_cluster.example` (one instance per stack);
 * - `"own"`: names made from the construct id, e.g. `aws_ecs_cluster.<id>`.
 */
export type TerraformNames = "note" | "own";

/** Per stack, per kind of construct: the path of the instance that holds the note's names. */
const noteHolders = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Resolves a construct's `terraformNames` prop. Unset, the first instance of `kind` in its
 * stack takes the note's names and later ones their own. `"note"` asked for by a second
 * instance is reported (once, on the construct) and falls back to `"own"`, so one mistake
 * makes one line instead of a second line about a duplicate address.
 */
export function resolveTerraformNames(
  scope: Construct,
  kind: string,
  requested: TerraformNames | undefined,
  problems: Problems,
): TerraformNames {
  if (requested === "own") return "own";
  const stack = TerraformStack.of(scope);
  const holders = noteHolders.get(stack) ?? new Map<string, string>();
  noteHolders.set(stack, holders);
  const holder = holders.get(kind);
  if (holder === undefined) {
    holders.set(kind, scope.node.path);
    return "note";
  }
  if (requested === "note") {
    problems.report("terraformNames", `must be "own": ${holder} already has the note's addresses`, requested);
  }
  return "own";
}

/** The Terraform name of one of a construct's resources: the note's name, or the construct's own. */
export function terraformName(names: TerraformNames, noteName: string, ownName: string): string {
  return names === "note" ? noteName : ownName;
}

/**
 * For constructs of several resources: a function from the note's name of each resource to
 * its Terraform name, the own names prefixed with the construct id (`public_0` -> `<id>_public_0`,
 * `example` -> `<id>`).
 */
export function terraformNamer(names: TerraformNames, id: string): (noteName: string) => string {
  return (noteName) => terraformName(names, noteName, noteName === "example" ? id : `${id}_${noteName}`);
}

/** `aws_ecs_cluster.example`, `data.aws_iam_policy.x` or `output.vpc_id`: what a plan calls an element. */
export function addressOf(element: IConstruct): string | undefined {
  if (element instanceof TerraformResource) return `${element.terraformResourceType}.${element.friendlyUniqueId}`;
  if (element instanceof TerraformDataSource) {
    return `data.${element.terraformResourceType}.${element.friendlyUniqueId}`;
  }
  if (element instanceof TerraformOutput) return `output.${element.friendlyUniqueId}`;
  return undefined;
}

/**
 * Makes a synth of `stack` fail when two elements share a Terraform address: CDKTF would
 * silently merge them into one resource (the last one's arguments win).
 */
export function requireUniqueAddresses(stack: TerraformStack): void {
  stack.node.addValidation({
    validate: () => {
      const paths = new Map<string, string[]>();
      for (const element of stack.node.findAll()) {
        const address = addressOf(element);
        if (address === undefined) continue;
        paths.set(address, [...(paths.get(address) ?? []), element.node.path]);
      }
      return [...paths.entries()]
        .filter(([, holders]) => holders.length > 1)
        .map(
          ([address, holders]) =>
            `${stack.node.path}: the Terraform address ${address} must name one element, got: ${holders.length} (${holders.join(", ")})`,
        );
    },
  });
}
