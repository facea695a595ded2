// Adopting a stack applied from the book's HCL. The book calls two local modules,
// `./security_group` (twice) and `./iam_role`; this project flattens their resources into
// the stack, named after the module instance (README, "Terraform addresses"). Without a
// `moved` block per resource, a plan on the book's state would destroy every module
// resource and create it again under its new address. A `moved` whose `from` is not in the
// state is ignored, so a fresh deploy is unaffected.
// https://developer.hashicorp.com/terraform/language/modules/develop/refactoring
import { TerraformResource, TerraformStack } from "cdktf";

/** The book's local modules: the resources each declares, as `<type>.<name>` inside the module. */
export const BOOK_MODULES = {
  security_group: ["aws_security_group.default", "aws_security_group_rule.ingress", "aws_security_group_rule.egress"],
  iam_role: ["aws_iam_role.default", "aws_iam_policy.default", "aws_iam_role_policy_attachment.default"],
} as const satisfies Record<string, readonly string[]>;

/** The book's module calls: instance name to module. */
export const BOOK_MODULE_INSTANCES: Readonly<Record<string, keyof typeof BOOK_MODULES>> = {
  nginx_sg: "security_group",
  http_sg: "security_group",
  ecs_task_execution_role: "iam_role",
};

/** One Terraform `moved` block: from the book's address to the project's. */
export interface BookMove {
  readonly from: string;
  readonly to: string;
}

/**
 * The name a module's resource takes once flattened into the stack: the instance's name for
 * the module's `default` resource, `<instance>_<name>` for the others
 * (`nginx_sg` + `ingress` -> `nginx_sg_ingress`). Data sources follow the same rule but need no move.
 */
export function flattenedName(instance: string, name: string): string {
  return name === "default" ? instance : `${instance}_${name}`;
}

/** The moves of some module instances' resources to their flattened addresses. */
export function bookModuleMoves(instances: Readonly<Record<string, keyof typeof BOOK_MODULES>>): BookMove[] {
  return Object.entries(instances).flatMap(([instance, module]) =>
    BOOK_MODULES[module].map((resource) => {
      const [type, name] = resource.split(".") as [string, string];
      return { from: `module.${instance}.${resource}`, to: `${type}.${flattenedName(instance, name)}` };
    }),
  );
}

/** Every move of the chapter every stack has (chapter 9's ECS service), derived from the modules and their instances. */
export const BOOK_MOVES: readonly BookMove[] = bookModuleMoves(BOOK_MODULE_INSTANCES);

/**
 * The moves of the book's chapter 10, declared by a stack with scheduled tasks: the iam_role module's
 * instance for EventBridge (its log group, task definition, rule and target keep the book's addresses).
 */
export const SCHEDULED_TASK_MOVES: readonly BookMove[] = bookModuleMoves({ ecs_events_role: "iam_role" });

/** The moves already declared on each resource: declaring the same move twice is a no-op. */
const declared = new WeakMap<TerraformResource, string>();

/**
 * Declares the book's moves in `stack`: each target resource gets a `moved` block from its
 * book address (`TerraformResource.moveFromId`), which CDKTF writes as Terraform JSON's
 * top-level `"moved"` array, and as `moved {}` blocks in `cdktf synth --hcl`.
 * Call it once the stack's resources exist; calling it again with the same moves changes
 * nothing. A move whose target is not in the stack is reported by the synth, like every
 * other mistake in the stack's input.
 */
export function declareBookMoves(stack: TerraformStack, moves: readonly BookMove[] = BOOK_MOVES): void {
  const resources = new Map<string, TerraformResource>();
  for (const node of stack.node.findAll()) {
    // Not `instanceof`: provider classes built against another copy of the CDK library
    // (CDK Terrain's transitional setup, docs/decisions/0007) share only the type marker.
    if (TerraformResource.isTerraformResource(node)) {
      resources.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, node);
    }
  }
  const missing: string[] = [];
  for (const move of moves) {
    const target = resources.get(move.to);
    if (target === undefined) {
      missing.push(move.to);
    } else if (declared.get(target) !== move.from) {
      target.moveFromId(move.from);
      declared.set(target, move.from);
    }
  }
  if (missing.length > 0) {
    stack.node.addValidation({
      validate: () =>
        missing.map(
          (to) => `${stack.node.path}: the book's move to ${to} needs that resource in the stack, got: no such address`,
        ),
    });
  }
}
