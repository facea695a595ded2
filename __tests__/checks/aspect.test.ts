import { TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { settingsWith } from "../helpers/settings";
import { capturedStderr, synthesizeInFolder, validationErrors } from "../helpers/synth";

/** The warnings the checks left on a stack's constructs, as `cdktf synth` prints them: `[path]: message`. */
function warnings(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c: IConstruct) =>
      c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `[${c.node.path}]: ${String(m.data)}`),
    );
}

function build(settings: EnvironmentSettings) {
  const stack = new EcsFargateStack(Testing.app(), settings);
  const errors = validationErrors(stack); // runs the aspects first
  return { stack, errors, warnings: warnings(stack) };
}

const ACK = "Or accept it on purpose in config/environments/dev.ts: checks.acknowledgements";
/** The dev stack without the note's acknowledgements. */
const unacknowledged = settingsWith({ checks: { acknowledgements: [] } });

describe("the synth-time checks", () => {
  it("print no warning for the dev stack: it acknowledges each of the note's choices, with a reason", () => {
    expect(build(dev)).toMatchObject({ errors: [], warnings: [] });
    expect(dev.checks.acknowledgements?.map((a) => [a.rule, a.address])).toEqual([
      ["iam-wildcard-resource", "data.aws_iam_policy_document.ecs_task_execution"],
      ["container-image-tag", "aws_ecs_task_definition.example"],
      ["ecs-service-circuit-breaker", "aws_ecs_service.example"],
    ]);
  });

  it("print no warning for the prod stack: its sidecar's and its worker's images are pinned, the worker has a circuit breaker", () => {
    expect(build(prod)).toMatchObject({ errors: [], warnings: [] });
  });

  it("warn about each of the note's choices when nothing acknowledges them, naming address, path, rule, fix and how to accept it", () => {
    const { errors, warnings: found } = build(unacknowledged);
    expect(errors).toEqual([]);
    expect(found).toEqual([
      `[ecs-fargate-dev/taskExecutionRole/document]: data.aws_iam_policy_document.ecs_task_execution: [iam-wildcard-resource] a statement allows ssm:GetParameters, kms:Decrypt on every resource (*). Fix: name the resources: the parameter and key ARNs the tasks read (\`taskExecutionRole\` settings), not *. ${ACK} { rule: "iam-wildcard-resource", address: "data.aws_iam_policy_document.ecs_task_execution", reason: "<why>" }`,
      `[ecs-fargate-dev/taskDefinition/task_definition]: aws_ecs_task_definition.example: [container-image-tag] container "example" runs "nginx:latest", the latest tag: what runs changes whenever the registry's copy does. Fix: pin a version tag (nginx:1.27.3) or, to be exact, a digest (nginx@sha256:<digest>, from \`docker buildx imagetools inspect nginx:1.27.3\`). ${ACK} { rule: "container-image-tag", address: "aws_ecs_task_definition.example", reason: "<why>" }`,
      `[ecs-fargate-dev/service/service]: aws_ecs_service.example: [ecs-service-circuit-breaker] the service has no deployment circuit breaker: a deployment whose tasks never become healthy goes on replacing them. Fix: set \`deploymentCircuitBreaker: { rollback: true }\` in the service's settings. ${ACK} { rule: "ecs-service-circuit-breaker", address: "aws_ecs_service.example", reason: "<why>" }`,
    ]);
  });

  it("are silenced one by one: an acknowledgement accepts its rule on its address only", () => {
    const oneAccepted = settingsWith({
      checks: { acknowledgements: [dev.checks.acknowledgements?.[1] ?? { rule: "", address: "", reason: "" }] },
    });
    const { errors, warnings: found } = build(oneAccepted);
    expect(errors).toEqual([]);
    expect(found.map((w) => w.match(/\[([a-z-]+)\]/)?.[1])).toEqual([
      "iam-wildcard-resource",
      "ecs-service-circuit-breaker",
    ]);
  });

  it.each<[string, { rule: string; address: string; reason: string }, string]>([
    [
      "an unknown rule",
      { rule: "ecs-circuit-breaker", address: "aws_ecs_service.example", reason: "the note has none, on purpose" },
      'config/environments/dev.ts: `checks.acknowledgements[0].rule` must be one of ecs-service-circuit-breaker, iam-wildcard-resource, open-ingress, log-retention, container-image-tag, got: "ecs-circuit-breaker"',
    ],
    [
      "no reason",
      { rule: "ecs-service-circuit-breaker", address: "aws_ecs_service.example", reason: "" },
      'config/environments/dev.ts: `checks.acknowledgements[0].reason` must say why, in at least 10 characters, got: ""',
    ],
  ])("fail the synth on an acknowledgement with %s", (_, acknowledgement, line) => {
    const settings = settingsWith({
      checks: { acknowledgements: [...(dev.checks.acknowledgements ?? []), acknowledgement] },
    });
    expect(build(settings).errors).toEqual([line.replace("acknowledgements[0]", "acknowledgements[3]")]);
  });

  describe("an acknowledgement that accepts nothing any more", () => {
    /** Dev with its image pinned (issue 15): the note's `container-image-tag` acknowledgement is stale. */
    const pinned = settingsWith({ taskDefinition: { image: "nginx:1.27.3" } });
    const STALE =
      'config/environments/dev.ts: `checks.acknowledgements[1]` ("container-image-tag" on aws_ecs_task_definition.example) accepts no finding of ecs-fargate-dev any more: nothing there breaks the rule now, so remove that entry from config/environments/dev.ts';

    it.each<[string, EnvironmentSettings, number]>([
      ["a fixed finding (the image pinned)", pinned, 1],
      [
        "an address with no such finding",
        settingsWith({
          checks: {
            acknowledgements: [
              ...(dev.checks.acknowledgements ?? []),
              {
                rule: "log-retention",
                address: "aws_cloudwatch_log_group.for_ecs",
                reason: "kept forever for the audit",
              },
            ],
          },
        }),
        3,
      ],
    ])("is a warning that says what to remove from which file, not an error: %s", (_, settings, index) => {
      const { errors, warnings: found } = build(settings);
      expect(errors).toEqual([]);
      const [rule, address] =
        index === 1
          ? ["container-image-tag", "aws_ecs_task_definition.example"]
          : ["log-retention", "aws_cloudwatch_log_group.for_ecs"];
      expect(found).toEqual([
        `[ecs-fargate-dev]: config/environments/dev.ts: \`checks.acknowledgements[${index}]\` ("${rule}" on ${address}) accepts no finding of ecs-fargate-dev any more: nothing there breaks the rule now, so remove that entry from config/environments/dev.ts`,
      ]);
    });

    it("is warned once per synth, though the validations run twice", () => {
      const stack = new EcsFargateStack(Testing.app(), pinned);
      validationErrors(stack);
      validationErrors(stack);
      expect(warnings(stack)).toEqual([`[ecs-fargate-dev]: ${STALE}`]);
    });

    describe("in strict mode", () => {
      const stderr = capturedStderr();
      beforeEach(() => {
        process.env.STRICT_CHECKS = "1";
      });
      afterEach(() => {
        delete process.env.STRICT_CHECKS;
      });

      it("is an error, like every finding, and nothing is written", () => {
        const { ok, files, printed } = synthesizeInFolder((app) => new EcsFargateStack(app, pinned), stderr());
        expect(ok).toBe(false);
        expect(files).toEqual([]);
        expect(printed).toBe(
          `1 problem in the stack's input; nothing was synthesized:\n  ${STALE} (strict mode: an error)\n`,
        );
      });
    });
  });

  it("do not call an acknowledgement stale when a broken input hides its finding: one mistake, one line", () => {
    const { errors } = build(settingsWith({ taskDefinition: { containerDefinitionsFile: "no-such-file.json" } }));
    expect(errors).toEqual([
      "no-such-file.json: must be a readable container definitions file, got: the file does not exist",
    ]);
  });

  describe("in strict mode", () => {
    const stderr = capturedStderr();
    afterEach(() => {
      delete process.env.STRICT_CHECKS;
    });

    const synth = (settings: EnvironmentSettings) =>
      synthesizeInFolder((app) => new EcsFargateStack(app, settings), stderr());

    it.each<[string, EnvironmentSettings, () => void]>([
      ["set in the environment", settingsWith({ checks: { acknowledgements: [], strict: true } }), () => undefined],
      ["turned on by STRICT_CHECKS=1", unacknowledged, () => (process.env.STRICT_CHECKS = "1")],
    ])("turn every unacknowledged warning into an error (%s), and write nothing", (_, settings, arrange) => {
      arrange();
      const { ok, files, printed } = synth(settings);
      expect(ok).toBe(false);
      expect(files).toEqual([]);
      expect(printed.split("\n")[0]).toBe("3 problems in the stack's input; nothing was synthesized:");
      expect(printed).toContain(
        "  ecs-fargate-dev/service/service: aws_ecs_service.example: [ecs-service-circuit-breaker] the service has no deployment circuit breaker",
      );
      expect(printed).toMatch(/\(strict mode: an error\)\n$/);
    });

    it("still pass the dev stack, whose findings are all acknowledged", () => {
      process.env.STRICT_CHECKS = "1";
      expect(synth(dev).ok).toBe(true);
    });
  });
});
