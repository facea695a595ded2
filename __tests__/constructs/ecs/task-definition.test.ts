import { Lazy } from "cdktf";
import { FARGATE_SIZES, FargateTaskDefinition, FargateTaskDefinitionProps } from "../../../constructs/ecs";
import { definitionsFile, fixtureContainers } from "../../helpers/container-definitions";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

function build(overrides: Partial<FargateTaskDefinitionProps> = {}) {
  const stack = testStack();
  const taskDefinition = new FargateTaskDefinition(stack, "task_definition", {
    family: "example",
    containerDefinitionsFile: definitionsFile(fixtureContainers()).file,
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
      expect(JSON.parse(containerDefinitions)).toEqual(fixtureContainers());
    });

    it("exposes the ARN, the family's ARN without a revision and the parsed containers", () => {
      const { stack, taskDefinition } = build();
      expect(resolved(stack, taskDefinition.taskDefinitionArn)).toBe("${aws_ecs_task_definition.example.arn}");
      expect(resolved(stack, taskDefinition.taskDefinitionFamilyArn)).toBe(
        "${aws_ecs_task_definition.example.arn_without_revision}",
      );
      expect(taskDefinition.containerDefinitions.containers[0]?.name).toBe("example");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });

    it("without a task role, image, health check or secrets, is the note's task definition, whose old revisions stay registered", () => {
      expect(resource(build().json, "aws_ecs_task_definition", "example")).toEqual({
        family: "example",
        cpu: "256",
        memory: "512",
        network_mode: "awsvpc",
        requires_compatibilities: ["FARGATE"],
        container_definitions: JSON.stringify(fixtureContainers()),
        execution_role_arn: "arn:aws:iam::123456789012:role/ecs-task-execution",
        // Not the note's: a replacement must not deregister the revision the service runs.
        skip_destroy: true,
      });
    });
  });

  describe("overrides", () => {
    it("takes a Terraform name from its owner, whatever comes first", () => {
      const { json } = build({ family: "example-worker", terraformName: "worker" });
      expect(addresses(json)).toEqual(["aws_ecs_task_definition.worker"]);
      expect(resource(json, "aws_ecs_task_definition", "worker").family).toBe("example-worker");
    });

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

  describe("Terraform names", () => {
    it("takes the name its owner gives it, and leaves the note's example to the first task definition without one", () => {
      const stack = testStack();
      const file = definitionsFile(fixtureContainers()).file;
      const executionRoleArn = "arn:aws:iam::123456789012:role/ecs-task-execution";
      const batch = new FargateTaskDefinition(stack, "batch", {
        family: "example-batch",
        containerDefinitionsFile: file,
        executionRoleArn,
        terraformName: "example_batch",
      });
      new FargateTaskDefinition(stack, "taskDefinition", {
        family: "example",
        containerDefinitionsFile: file,
        executionRoleArn,
      });
      expect(addresses(synthJson(stack))).toEqual([
        "aws_ecs_task_definition.example",
        "aws_ecs_task_definition.example_batch",
      ]);
      expect(resolved(stack, batch.taskDefinitionFamilyArn)).toBe(
        "${aws_ecs_task_definition.example_batch.arn_without_revision}",
      );
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("the application's settings", () => {
    /** The containers Terraform receives. */
    const containersOf = (json: ReturnType<typeof build>["json"]) =>
      JSON.parse(resource(json, "aws_ecs_task_definition", "example").container_definitions);
    /** The fixture's container and a sidecar, as a file. */
    const withSidecar = () =>
      definitionsFile([...fixtureContainers(), { name: "sidecar", image: "busybox:1.36", essential: false }]).file;

    it("gives the task the application's role", () => {
      const { json } = build({ taskRoleArn: "arn:aws:iam::123456789012:role/ecs-task" });
      expect(resource(json, "aws_ecs_task_definition", "example").task_role_arn).toBe(
        "arn:aws:iam::123456789012:role/ecs-task",
      );
    });

    it("replaces the image of the only container, and nothing else", () => {
      const image = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example:1.4.2";
      const { json, stack } = build({ image });
      expect(validationErrors(stack)).toEqual([]);
      expect(containersOf(json)).toEqual([{ ...fixtureContainers()[0], image }]);
    });

    it("takes an image known only at apply, such as an ECR repository's URL with a tag", () => {
      const image = `${Lazy.stringValue({ produce: () => "${aws_ecr_repository.example.repository_url}" })}:1.4.2`;
      const { json, stack } = build({ image });
      expect(validationErrors(stack)).toEqual([]);
      expect(containersOf(json)[0].image).toBe("${aws_ecr_repository.example.repository_url}:1.4.2");
    });

    it("replaces the image of the container it names", () => {
      const { json, stack } = build({
        containerDefinitionsFile: withSidecar(),
        containerName: "sidecar",
        image: "busybox@sha256:" + "a".repeat(64),
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(containersOf(json).map((c: { image: string }) => c.image)).toEqual([
        "nginx:latest",
        "busybox@sha256:" + "a".repeat(64),
      ]);
    });

    it("adds the container's health check with ECS's defaults written out", () => {
      const { json, stack } = build({ healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] } });
      expect(validationErrors(stack)).toEqual([]);
      expect(containersOf(json)[0].healthCheck).toEqual({
        command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
        interval: 30,
        timeout: 5,
        retries: 3,
      });
    });

    it("takes every part of the health check", () => {
      const { json } = build({
        healthCheck: {
          command: ["CMD", "/bin/healthcheck"],
          intervalSeconds: 10,
          timeoutSeconds: 2,
          retries: 5,
          startPeriodSeconds: 60,
        },
      });
      expect(containersOf(json)[0].healthCheck).toEqual({
        command: ["CMD", "/bin/healthcheck"],
        interval: 10,
        timeout: 2,
        retries: 5,
        startPeriod: 60,
      });
    });

    it("merges secrets into the container, after the file's own", () => {
      const containers = fixtureContainers();
      containers[0].secrets = [{ name: "FROM_FILE", valueFrom: "/example/from-file" }];
      containers[0].environment = [{ name: "MODE", value: "production" }];
      const { json, stack } = build({
        containerDefinitionsFile: definitionsFile(containers).file,
        secrets: {
          DB_PASSWORD: { valueFrom: Lazy.stringValue({ produce: () => "${aws_ssm_parameter.db_password.arn}" }) },
          API_KEY: { valueFrom: "/example/api/key" },
        },
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(containersOf(json)[0].secrets).toEqual([
        { name: "FROM_FILE", valueFrom: "/example/from-file" },
        { name: "DB_PASSWORD", valueFrom: "${aws_ssm_parameter.db_password.arn}" },
        { name: "API_KEY", valueFrom: "/example/api/key" },
      ]);
    });

    it("gives a secret to the container it names, the others to the load-balanced one", () => {
      const { json, stack } = build({
        containerDefinitionsFile: withSidecar(),
        containerName: "example",
        secrets: {
          DB_PASSWORD: { valueFrom: "/example/db/password" },
          AGENT_KEY: { valueFrom: "/example/agent/key", containerName: "sidecar" },
        },
      });
      expect(validationErrors(stack)).toEqual([]);
      const [main, sidecar] = containersOf(json);
      expect(main.secrets).toEqual([{ name: "DB_PASSWORD", valueFrom: "/example/db/password" }]);
      expect(sidecar.secrets).toEqual([{ name: "AGENT_KEY", valueFrom: "/example/agent/key" }]);
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

    it("compares the containers' sizes with the task's", () => {
      const containers = fixtureContainers();
      Object.assign(containers[0], { cpu: 512, memory: 1024 });
      const { file, label } = definitionsFile(containers);
      expect(validationErrors(build({ containerDefinitionsFile: file, cpu: 256, memoryMiB: 512 }).stack)).toEqual([
        `${label}[0].cpu: must be at most the task's \`cpu\` (256), got: 512`,
        `${label}[0].memory: must be at most the task's \`memoryMiB\` (512), got: 1024`,
      ]);
    });

    it("compares no container with a task size Fargate does not offer: one mistake, one line", () => {
      const containers = fixtureContainers();
      Object.assign(containers[0], { memory: 1024 });
      const { file } = definitionsFile(containers);
      expect(validationErrors(build({ containerDefinitionsFile: file, cpu: 256, memoryMiB: 768 }).stack)).toEqual([
        "test/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 768",
      ]);
    });

    it("reports the file's problems with its own", () => {
      const containers = fixtureContainers();
      containers[0].portMappings[0].containerPort = "80a";
      const { file, label } = definitionsFile(containers);
      expect(validationErrors(build({ containerDefinitionsFile: file, cpu: 256, memoryMiB: 4096 }).stack)).toEqual([
        "test/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
        `${label}[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: "80a"`,
      ]);
    });

    it.each<[string, Partial<FargateTaskDefinitionProps>, string]>([
      [
        "an image with a space",
        { image: "nginx latest" },
        'test/task_definition: `image` must be an image reference (repository:tag or repository@sha256:digest) of 1 to 255 letters, digits and -_.:/#@, got: "nginx latest"',
      ],
      [
        "an image with an empty tag",
        { image: "nginx:" },
        'test/task_definition: `image` must have a tag of 1 to 128 letters, digits and _.- after its ":" (nginx:1.27.3), or no ":" at all, got: "nginx:"',
      ],
      [
        "an image with an empty digest",
        { image: "nginx@sha256:" },
        'test/task_definition: `image` must have a digest after its "@": sha256: and 64 lowercase hex digits (nginx@sha256:<digest>), got: "nginx@sha256:"',
      ],
      [
        "a health check command without CMD or CMD-SHELL",
        { healthCheck: { command: ["curl -f http://localhost/"] } },
        'test/task_definition: `healthCheck.command` must start with "CMD" or "CMD-SHELL" and name the command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], got: ["curl -f http://localhost/"]',
      ],
      [
        "a health check every 4 seconds",
        { healthCheck: { command: ["CMD", "true"], intervalSeconds: 4 } },
        "test/task_definition: `healthCheck.intervalSeconds` must be a whole number from 5 to 300, got: 4",
      ],
      [
        "a health check timeout of 61 seconds",
        { healthCheck: { command: ["CMD", "true"], timeoutSeconds: 61 } },
        "test/task_definition: `healthCheck.timeoutSeconds` must be a whole number from 2 to 60, got: 61",
      ],
      [
        "no health check retries",
        { healthCheck: { command: ["CMD", "true"], retries: 0 } },
        "test/task_definition: `healthCheck.retries` must be a whole number from 1 to 10, got: 0",
      ],
      [
        "a start period of 301 seconds",
        { healthCheck: { command: ["CMD", "true"], startPeriodSeconds: 301 } },
        "test/task_definition: `healthCheck.startPeriodSeconds` must be a whole number from 0 to 300, got: 301",
      ],
      [
        "a secret name that is not an environment variable name",
        { secrets: { "db-password": { valueFrom: "/example/db/password" } } },
        'test/task_definition: `secrets` key must be an environment variable name: a letter or underscore, then letters, digits and underscores, got: "db-password"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it.each<[string, Partial<FargateTaskDefinitionProps>, string]>([
      ["the container", { containerName: "web", image: "nginx:1.27.3" }, "containerName"],
      [
        "a secret's container",
        { secrets: { DB_PASSWORD: { valueFrom: "/example/db/password", containerName: "web" } } },
        "secrets.DB_PASSWORD.containerName",
      ],
    ])("rejects %s when the file has no such container", (_, overrides, property) => {
      const { file, label } = definitionsFile(fixtureContainers());
      expect(validationErrors(build({ containerDefinitionsFile: file, ...overrides }).stack)).toEqual([
        `test/task_definition: \`${property}\` must name a container in ${label} (example), got: "web"`,
      ]);
    });

    it("names the container declared twice: a secret in the file and in the settings", () => {
      const containers = fixtureContainers();
      containers[0].secrets = [{ name: "DB_PASSWORD", valueFrom: "/example/db/password" }];
      const { file, label } = definitionsFile(containers);
      const { stack } = build({
        containerDefinitionsFile: file,
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
      });
      expect(validationErrors(stack)).toEqual([
        `test/task_definition: \`secrets.DB_PASSWORD\` must not be declared twice: ${label}[0].secrets declares it too, got: "DB_PASSWORD"`,
      ]);
    });

    it("rejects a secret that clashes with the container's environment", () => {
      const containers = fixtureContainers();
      containers[0].environment = [{ name: "DB_PASSWORD", value: "plain text" }];
      const { file, label } = definitionsFile(containers);
      const { stack } = build({
        containerDefinitionsFile: file,
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
      });
      expect(validationErrors(stack)).toEqual([
        `test/task_definition: \`secrets.DB_PASSWORD\` must not clash with an environment variable: ${label}[0].environment sets it too, got: "DB_PASSWORD"`,
      ]);
    });

    it("rejects a second health check for a container whose file declares one", () => {
      const containers = fixtureContainers();
      containers[0].healthCheck = { command: ["CMD", "true"] };
      const { file, label } = definitionsFile(containers);
      const { stack } = build({ containerDefinitionsFile: file, healthCheck: { command: ["CMD", "false"] } });
      expect(validationErrors(stack)).toEqual([
        `test/task_definition: \`healthCheck\` must not be declared twice: ${label}[0].healthCheck declares it too, got: {"command":["CMD","false"]}`,
      ]);
    });

    it("needs the container's name when the file holds several", () => {
      const { file, label } = definitionsFile([
        ...fixtureContainers(),
        { name: "sidecar", image: "busybox:1.36", essential: false },
      ]);
      const { stack } = build({ containerDefinitionsFile: file, image: "nginx:1.27.3" });
      expect(validationErrors(stack)).toEqual([
        `test/task_definition: \`containerName\` must be given with \`image\`, \`healthCheck\` or \`secrets\`: ${label} holds several containers (example, sidecar), got: undefined`,
      ]);
    });

    it("leaves a broken file to its own report: one mistake, one line", () => {
      const containers = fixtureContainers();
      delete containers[0].name;
      const { file, label } = definitionsFile(containers);
      expect(validationErrors(build({ containerDefinitionsFile: file, image: "nginx:1.27.3" }).stack)).toEqual([
        `${label}[0].name: is required and must be a string, got: undefined`,
      ]);
    });

    it("checks awslogs against the log group and region it is given", () => {
      const { file, label } = definitionsFile(fixtureContainers());
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
