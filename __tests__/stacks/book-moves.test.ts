import { TerraformStack, Testing } from "cdktf";
import { dev } from "../../config/environments/dev";
import { BOOK_MOVES, declareBookMoves, flattenedName } from "../../stacks/book-moves";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { STACK_ADDRESSES } from "../helpers/addresses";
import { addresses, synthJson, testStack, TerraformJson, validationErrors } from "../helpers/synth";

/** The stack that mirrors the note (it declares the book's moves itself): the one place that knows how to build it. */
function devStack(): TerraformStack {
  return new EcsFargateStack(Testing.app(), dev);
}

/** The book's module addresses and the project's, as the README's address table has them. */
const EXPECTED_MOVES: { from: string; to: string }[] = (
  [
    ["module.nginx_sg.aws_security_group.default", "aws_security_group.nginx_sg"],
    ["module.nginx_sg.aws_security_group_rule.ingress", "aws_security_group_rule.nginx_sg_ingress"],
    ["module.nginx_sg.aws_security_group_rule.egress", "aws_security_group_rule.nginx_sg_egress"],
    ["module.http_sg.aws_security_group.default", "aws_security_group.http_sg"],
    ["module.http_sg.aws_security_group_rule.ingress", "aws_security_group_rule.http_sg_ingress"],
    ["module.http_sg.aws_security_group_rule.egress", "aws_security_group_rule.http_sg_egress"],
    ["module.ecs_task_execution_role.aws_iam_role.default", "aws_iam_role.ecs_task_execution_role"],
    ["module.ecs_task_execution_role.aws_iam_policy.default", "aws_iam_policy.ecs_task_execution_role"],
    [
      "module.ecs_task_execution_role.aws_iam_role_policy_attachment.default",
      "aws_iam_role_policy_attachment.ecs_task_execution_role",
    ],
  ] as const
).map(([from, to]) => ({ from, to }));

const byFrom = (a: { from: string }, b: { from: string }) => a.from.localeCompare(b.from);

describe("the book's moves", () => {
  it("BOOK_MOVES: every resource of the three module instances, to its flattened address", () => {
    expect([...BOOK_MOVES].sort(byFrom)).toEqual([...EXPECTED_MOVES].sort(byFrom));
  });

  it("flattenedName: the module's default resource takes the instance's name, the others a suffix", () => {
    expect(flattenedName("nginx_sg", "default")).toBe("nginx_sg");
    expect(flattenedName("nginx_sg", "ingress")).toBe("nginx_sg_ingress");
    expect(flattenedName("ecs_task_execution_role", "assume_role")).toBe("ecs_task_execution_role_assume_role");
  });

  describe("declared in the dev stack", () => {
    let json: TerraformJson & { moved?: { from: string; to: string }[] };
    beforeAll(() => {
      json = synthJson(devStack());
    });

    it("lands as Terraform JSON's top-level `moved` array, exactly the expected moves", () => {
      expect([...(json.moved ?? [])].sort(byFrom)).toEqual([...EXPECTED_MOVES].sort(byFrom));
    });

    it("every `to` is a resource of the stack (never a data source), each named once", () => {
      const tos = (json.moved ?? []).map((m) => m.to);
      const stackAddresses = addresses(json);
      for (const to of tos) expect(stackAddresses).toContain(to);
      expect(tos.filter((to) => to.startsWith("data."))).toEqual([]);
      expect(new Set(tos).size).toBe(tos.length);
    });

    it("every `from` is a resource address inside a module, each named once", () => {
      const froms = (json.moved ?? []).map((m) => m.from);
      for (const from of froms) expect(from).toMatch(/^module\.[a-z_]+\.aws_[a-z_]+\.[a-z_]+$/);
      expect(new Set(froms).size).toBe(froms.length);
    });

    it("the module's data source follows the same naming, so it needs no move", () => {
      expect(addresses(json)).toContain(
        `data.aws_iam_policy_document.${flattenedName("ecs_task_execution_role", "assume_role")}`,
      );
    });

    it("leaves the resources themselves in place: the stack's addresses are the contract's", () => {
      expect(addresses(json)).toEqual(STACK_ADDRESSES);
    });

    it("is rendered as `moved` blocks by `cdktf synth --hcl` too", () => {
      // Unformatted: the CLI runs its formatter after this.
      const hcl = String(Testing.synthHcl(devStack()));
      expect(hcl).toMatch(
        /^moved \{\n\s*to\s*= aws_security_group\.nginx_sg\n\s*from = module\.nginx_sg\.aws_security_group\.default\n\}/m,
      );
      expect(hcl.match(/^moved \{/gm)).toHaveLength(EXPECTED_MOVES.length);
    });
  });

  it("declaring the same moves again changes nothing", () => {
    const stack = devStack();
    declareBookMoves(stack);
    expect((synthJson(stack) as { moved?: unknown[] }).moved).toHaveLength(EXPECTED_MOVES.length);
    expect(validationErrors(stack)).toEqual([]);
  });

  it("reports a move whose target is not in the stack, with the stack and the address", () => {
    const stack = testStack();
    declareBookMoves(stack, [
      { from: "module.nginx_sg.aws_security_group.default", to: "aws_security_group.nginx_sg" },
    ]);
    expect(validationErrors(stack)).toEqual([
      "test: the book's move to aws_security_group.nginx_sg needs that resource in the stack, got: no such address",
    ]);
  });
});
