import { FARGATE_SIZES, FargateTaskDefinition, FargateTaskDefinitionProps } from "../../../constructs/ecs";
import { definitionsFile, noteContainers } from "../../helpers/container-definitions";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

function build(overrides: Partial<FargateTaskDefinitionProps> = {}) {
  const stack = testStack();
  const taskDefinition = new FargateTaskDefinition(stack, "task_definition", {
    family: "example",
    containerDefinitionsFile: definitionsFile(noteContainers()).file,
    executionRoleArn: "arn:aws:iam::123456789012:role/ecs-task-execution",
    ...overrides,
  });
  return { stack, taskDefinition, json: synthJson(stack) };
}

/** Every valid Fargate pair, from the table, to prove the table and the rule agree at the edges. */
const VALID_PAIRS = [...FARGATE_SIZES].flatMap(([cpu, memory]) =>
  "values" in memory
    ? memory.values.map((m) => [cpu, m])
    : [
        [cpu, memory.from],
        [cpu, memory.from + memory.step],
        [cpu, memory.to],
      ],
);

describe("FargateTaskDefinition", () => {
  describe("defaults", () => {
    it("is the note's aws_ecs_task_definition.example", () => {
      const { json } = build();
      expect(addresses(json)).toEqual(["aws_ecs_task_definition.example"]);
      expect(resource(json, "aws_ecs_task_definition", "example")).toMatchObject({
        family: "example",
        cpu: "256",
        memory: "512",
        network_mode: "awsvpc",
        requires_compatibilities: ["FARGATE"],
        execution_role_arn: "arn:aws:iam::123456789012:role/ecs-task-execution",
      });
    });

    it("gives Terraform the container definitions file's content", () => {
      const containerDefinitions = resource(build().json, "aws_ecs_task_definition", "example").container_definitions;
      expect(JSON.parse(containerDefinitions)).toEqual(noteContainers());
    });

    it("exposes the ARN and the parsed containers", () => {
      const { stack, taskDefinition } = build();
      expect(resolved(stack, taskDefinition.taskDefinitionArn)).toBe("${aws_ecs_task_definition.example.arn}");
      expect(taskDefinition.containerDefinitions.containers[0]?.name).toBe("example");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes family, cpu and memory", () => {
      expect(
        resource(build({ family: "web", cpu: 1024, memoryMiB: 4096 }).json, "aws_ecs_task_definition", "example"),
      ).toMatchObject({
        family: "web",
        cpu: "1024",
        memory: "4096",
      });
    });
  });

  describe("validation", () => {
    it.each(VALID_PAIRS)("accepts cpu %i with %i MiB", (cpu, memoryMiB) => {
      expect(validationErrors(build({ cpu, memoryMiB }).stack)).toEqual([]);
    });

    it.each<[number, number, string]>([
      [256, 4096, "test/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096"],
      [
        512,
        512,
        "test/task_definition: `memoryMiB` must be from 1024 to 4096 in steps of 1024 when `cpu` is 512, got: 512",
      ],
      [
        1024,
        2500,
        "test/task_definition: `memoryMiB` must be from 2048 to 8192 in steps of 1024 when `cpu` is 1024, got: 2500",
      ],
      [
        2048,
        17408,
        "test/task_definition: `memoryMiB` must be from 4096 to 16384 in steps of 1024 when `cpu` is 2048, got: 17408",
      ],
      [
        4096,
        31744,
        "test/task_definition: `memoryMiB` must be from 8192 to 30720 in steps of 1024 when `cpu` is 4096, got: 31744",
      ],
      [
        8192,
        17408,
        "test/task_definition: `memoryMiB` must be from 16384 to 61440 in steps of 4096 when `cpu` is 8192, got: 17408",
      ],
      [
        16384,
        131072,
        "test/task_definition: `memoryMiB` must be from 32768 to 122880 in steps of 8192 when `cpu` is 16384, got: 131072",
      ],
      [300, 512, "test/task_definition: `cpu` must be one of 256, 512, 1024, 2048, 4096, 8192, 16384, got: 300"],
    ])("rejects cpu %i with %i MiB", (cpu, memoryMiB, message) => {
      expect(validationErrors(build({ cpu, memoryMiB }).stack)).toEqual([message]);
    });

    it("rejects a family with a colon", () => {
      expect(validationErrors(build({ family: "example:1" }).stack)).toEqual([
        'test/task_definition: `family` must be 1 to 255 characters of letters, digits, hyphens and underscores, got: "example:1"',
      ]);
    });

    it("reports the file's problems with its own", () => {
      const containers = noteContainers();
      containers[0].portMappings[0].containerPort = "80a";
      const { file, label } = definitionsFile(containers);
      expect(validationErrors(build({ containerDefinitionsFile: file, cpu: 256, memoryMiB: 4096 }).stack)).toEqual([
        "test/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
        `${label}[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: "80a"`,
      ]);
    });

    it("checks awslogs against the log group and region it is given", () => {
      const { file, label } = definitionsFile(noteContainers());
      expect(
        validationErrors(
          build({ containerDefinitionsFile: file, logGroupName: "/ecs/web", region: "ap-northeast-1" }).stack,
        ),
      ).toEqual([
        `${label}[0].logConfiguration.options.awslogs-group: must be the log group the stack creates ("/ecs/web"), got: "/ecs/example"`,
      ]);
    });
  });
});
