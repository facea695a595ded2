import { loadContainerDefinitions } from "../../../constructs/ecs";
import { definitionsFile, fixtureContainers } from "../../helpers/container-definitions";

const EXPECT = { networkMode: "awsvpc", logGroupName: "/ecs/example", region: "ap-northeast-1" };

/** The fixture's containers with one change applied. */
function changed(change: (containers: any[]) => void): any[] {
  const containers = fixtureContainers();
  change(containers);
  return containers;
}

function errorsFor(content: unknown): { errors: readonly string[]; label: string } {
  const { file, label } = definitionsFile(content);
  return { errors: loadContainerDefinitions(file, EXPECT).errors, label };
}

describe("loadContainerDefinitions", () => {
  describe("a file of one container", () => {
    it("passes and is given to Terraform as compact JSON of the same content", () => {
      const { file } = definitionsFile(fixtureContainers());
      const loaded = loadContainerDefinitions(file, EXPECT);
      expect(loaded.errors).toEqual([]);
      expect(JSON.parse(loaded.json)).toEqual(fixtureContainers());
      expect(loaded.containers.map((c) => c.name)).toEqual(["example"]);
    });
  });

  describe("validation", () => {
    it.each<[string, unknown, string]>([
      [
        "a containerPort that is not a number",
        changed((c) => (c[0].portMappings[0].containerPort = "80a")),
        '[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: "80a"',
      ],
      [
        "a containerPort of 0",
        changed((c) => (c[0].portMappings[0].containerPort = 0)),
        "[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: 0",
      ],
      [
        "a containerPort of 65536",
        changed((c) => (c[0].portMappings[0].containerPort = 65536)),
        "[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: 65536",
      ],
      [
        "a protocol other than tcp or udp",
        changed((c) => (c[0].portMappings[0].protocol = "http")),
        '[0].portMappings[0].protocol: must be "tcp" or "udp", got: "http"',
      ],
      [
        "a hostPort other than the containerPort",
        changed((c) => (c[0].portMappings[0].hostPort = 8080)),
        "[0].portMappings[0].hostPort: must equal containerPort (80) in awsvpc network mode, got: 8080",
      ],
      [
        "a missing name",
        changed((c) => delete c[0].name),
        "[0].name: is required and must be a string, got: undefined",
      ],
      [
        "a name with a space",
        changed((c) => (c[0].name = "my app")),
        '[0].name: must be 1 to 255 characters of letters, digits, hyphens and underscores, got: "my app"',
      ],
      [
        "a missing image",
        changed((c) => delete c[0].image),
        "[0].image: is required and must be a non-empty string, got: undefined",
      ],
      [
        "an essential that is not a boolean",
        changed((c) => (c[0].essential = "yes")),
        '[0].essential: must be true or false, got: "yes"',
      ],
      [
        "a typo in a container key",
        changed((c) => {
          c[0].portMapping = c[0].portMappings;
          delete c[0].portMappings;
        }),
        '[0].portMapping: is not a known key (did you mean "portMappings"?), got: "portMapping"',
      ],
      [
        "an unknown key far from every known one",
        changed((c) => (c[0].replicas = 3)),
        '[0].replicas: is not a known key, got: "replicas"',
      ],
      [
        "an awslogs group other than the stack's",
        changed((c) => (c[0].logConfiguration.options["awslogs-group"] = "/ecs/other")),
        '[0].logConfiguration.options.awslogs-group: must be the log group the stack creates ("/ecs/example"), got: "/ecs/other"',
      ],
      [
        "an awslogs region other than the provider's",
        changed((c) => (c[0].logConfiguration.options["awslogs-region"] = "us-east-1")),
        '[0].logConfiguration.options.awslogs-region: must be the provider\'s region ("ap-northeast-1"), got: "us-east-1"',
      ],
      [
        "portMappings that is not an array",
        changed((c) => (c[0].portMappings = { containerPort: 80 })),
        '[0].portMappings: must be an array, got: {"containerPort":80}',
      ],
      [
        "a port mapping that is not an object",
        changed((c) => (c[0].portMappings = [80])),
        "[0].portMappings[0]: must be a port mapping object, got: 80",
      ],
      [
        "a logConfiguration that is not an object",
        changed((c) => (c[0].logConfiguration = "awslogs")),
        '[0].logConfiguration: must be an object, got: "awslogs"',
      ],
      [
        "a typo in a logConfiguration key",
        changed((c) => (c[0].logConfiguration.option = {})),
        '[0].logConfiguration.option: is not a known key (did you mean "options"?), got: "option"',
      ],
    ])("rejects %s", (_, content, message) => {
      const { errors, label } = errorsFor(content);
      expect(errors).toEqual([`${label}${message}`]);
    });

    it.each<[string, unknown, string]>([
      [
        "a file that is not an array",
        { name: "example" },
        ': must be a JSON array of container definitions, got: "object"',
      ],
      ["an empty array", [], ": must hold at least one container definition, got: []"],
      [
        "no essential container",
        changed((c) => (c[0].essential = false)),
        ': at least one container must be essential, got: "essential": false in every container (example)',
      ],
    ])("rejects %s", (_, content, message) => {
      const { errors, label } = errorsFor(content);
      expect(errors).toEqual([`${label}${message}`]);
    });

    it("rejects a typo in a port mapping key, and the port it leaves missing", () => {
      const { errors, label } = errorsFor(
        changed((c) => {
          c[0].portMappings[0].containerport = 80;
          delete c[0].portMappings[0].containerPort;
        }),
      );
      expect(errors).toEqual([
        `${label}[0].portMappings[0].containerport: is not a known key (did you mean "containerPort"?), got: "containerport"`,
        `${label}[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: undefined`,
      ]);
    });

    it("rejects a container that is not an object", () => {
      const { errors, label } = errorsFor([...fixtureContainers(), "sidecar"]);
      expect(errors).toEqual([`${label}[1]: must be a container definition object, got: "sidecar"`]);
    });

    it("rejects duplicate container names, naming the first", () => {
      const containers = fixtureContainers();
      containers.push({ ...containers[0], essential: false });
      const { errors, label } = errorsFor(containers);
      expect(errors).toEqual([`${label}[1].name: must be unique, ${label}[0] has it too, got: "example"`]);
    });

    it.each<[string, string, string]>([
      [
        "a missing comma",
        '[\n  {\n    "name": "example"\n    "image": "nginx:latest"\n  }\n]\n',
        ':4:5: JSON syntax error: a comma is expected, got: "\\"image\\""',
      ],
      [
        "a trailing comma",
        '[\n  { "name": "example", "image": "nginx", }\n]\n',
        ':2:42: JSON syntax error: a property name in double quotes is expected, got: "}"',
      ],
      [
        "a comment",
        "// containers\n[]\n",
        ':1:1: JSON syntax error: comments are not allowed in JSON, got: "// containers"',
      ],
      [
        "an unclosed array",
        '[\n  { "name": "example", "image": "nginx" }\n',
        ':3:1: JSON syntax error: a closing bracket ] is expected, got: ""',
      ],
    ])("names the line and column of %s", (_, text, message) => {
      const { errors, label } = errorsFor(text);
      expect(errors).toEqual([`${label}${message}`]);
    });

    it("names a missing file", () => {
      const loaded = loadContainerDefinitions("does-not-exist.json", EXPECT);
      expect(loaded.errors).toEqual([
        "does-not-exist.json: must be a readable container definitions file, got: the file does not exist",
      ]);
    });

    it("reports every problem in the file at once", () => {
      const { errors } = errorsFor(
        changed((c) => {
          c[0].portMappings[0].containerPort = "80a";
          delete c[0].image;
          c[0].logConfiguration.options["awslogs-region"] = "us-east-1";
        }),
      );
      expect(errors).toHaveLength(3);
    });
  });

  describe("dependencies between containers", () => {
    /** A sidecar the load-balanced container can wait for: it routes the logs, the task runs without it. */
    const sidecar = (extra: Record<string, unknown> = {}) => ({
      name: "log-router",
      image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
      essential: false,
      ...extra,
    });
    const waitsFor = (containerName: string, condition: unknown = "START") => [{ containerName, condition }];
    const linesFor = (change: (containers: any[]) => void) => errorsFor(changed(change));

    it.each<[string, (c: any[]) => void, (label: string) => string]>([
      [
        "a condition on a container the file does not hold",
        (c) => (c[0].dependsOn = waitsFor("log-router")),
        (label) =>
          `${label}[0].dependsOn[0].containerName: must name a container in ${label} (example), got: "log-router"`,
      ],
      [
        "a condition on a container named in another case",
        (c) => {
          c[0].dependsOn = waitsFor("Log-Router");
          c.push(sidecar());
        },
        (label) =>
          `${label}[0].dependsOn[0].containerName: must name a container in ${label} (example, log-router), got: "Log-Router"`,
      ],
      [
        "a condition ECS does not know",
        (c) => {
          c[0].dependsOn = waitsFor("log-router", "READY");
          c.push(sidecar());
        },
        (label) => `${label}[0].dependsOn[0].condition: must be one of START, COMPLETE, SUCCESS, HEALTHY, got: "READY"`,
      ],
      [
        "a condition in lowercase",
        (c) => {
          c[0].dependsOn = waitsFor("log-router", "start");
          c.push(sidecar());
        },
        (label) => `${label}[0].dependsOn[0].condition: must be one of START, COMPLETE, SUCCESS, HEALTHY, got: "start"`,
      ],
      [
        "a dependency without its condition",
        (c) => {
          c[0].dependsOn = [{ containerName: "log-router" }];
          c.push(sidecar());
        },
        (label) =>
          `${label}[0].dependsOn[0].condition: must be one of START, COMPLETE, SUCCESS, HEALTHY, got: undefined`,
      ],
      [
        "a dependency without a container",
        (c) => (c[0].dependsOn = [{ condition: "START" }]),
        (label) => `${label}[0].dependsOn[0].containerName: is required and must be a string, got: undefined`,
      ],
      [
        "dependsOn that is not an array",
        (c) => (c[0].dependsOn = { containerName: "log-router", condition: "START" }),
        (label) => `${label}[0].dependsOn: must be an array, got: {"containerName":"log-router","condition":"START"}`,
      ],
      [
        "a dependency that is not an object",
        (c) => (c[0].dependsOn = ["log-router"]),
        (label) =>
          `${label}[0].dependsOn[0]: must be a container dependency object ({ "containerName", "condition" }), got: "log-router"`,
      ],
      [
        "a container that waits for itself",
        (c) => (c[0].dependsOn = waitsFor("example")),
        (label) =>
          `${label}[0].dependsOn: must not form a cycle (none of its containers could ever start), got: "example -> example"`,
      ],
      [
        "two containers that wait for each other",
        (c) => {
          c[0].dependsOn = waitsFor("log-router");
          c.push(sidecar({ dependsOn: waitsFor("example", "HEALTHY") }));
        },
        (label) =>
          `${label}[0].dependsOn: must not form a cycle (none of its containers could ever start), got: "example -> log-router -> example"`,
      ],
      [
        "a cycle of three, named from its first container in the file",
        (c) => {
          c.push(sidecar({ dependsOn: waitsFor("agent") }));
          c.push({ name: "agent", image: "busybox:1.37", essential: false, dependsOn: waitsFor("init") });
          c.push({ name: "init", image: "busybox:1.37", essential: false, dependsOn: waitsFor("log-router") });
        },
        (label) =>
          `${label}[1].dependsOn: must not form a cycle (none of its containers could ever start), got: "log-router -> agent -> init -> log-router"`,
      ],
      [
        "a condition that waits for an essential container to exit",
        (c) => c.push(sidecar({ dependsOn: waitsFor("example", "COMPLETE") })),
        (label) =>
          `${label}[1].dependsOn[0].condition: must be START or HEALTHY when it waits for an essential container (example): COMPLETE and SUCCESS wait for it to exit, and the task stops when it does, got: "COMPLETE"`,
      ],
      [
        "SUCCESS on a container essential by default (no essential key)",
        (c) => {
          delete c[0].essential;
          c.push(sidecar({ dependsOn: waitsFor("example", "SUCCESS") }));
        },
        (label) =>
          `${label}[1].dependsOn[0].condition: must be START or HEALTHY when it waits for an essential container (example): COMPLETE and SUCCESS wait for it to exit, and the task stops when it does, got: "SUCCESS"`,
      ],
      [
        "no essential container among several",
        (c) => {
          c[0].essential = false;
          c.push(sidecar());
        },
        (label) =>
          `${label}: at least one container must be essential, got: "essential": false in every container (example, log-router)`,
      ],
    ])("rejects %s with one line", (_, change, message) => {
      const { errors, label } = linesFor(change);
      expect(errors).toEqual([message(label)]);
    });

    it("rejects a typo in a dependency's key, and the container it leaves missing", () => {
      const { errors, label } = linesFor((c) => {
        c[0].dependsOn = [{ containername: "log-router", condition: "START" }];
        c.push(sidecar());
      });
      expect(errors).toEqual([
        `${label}[0].dependsOn[0].containername: is not a known key (did you mean "containerName"?), got: "containername"`,
        `${label}[0].dependsOn[0].containerName: is required and must be a string, got: undefined`,
      ]);
    });

    it("names each cycle once, two cycles in two lines", () => {
      const { errors, label } = linesFor((c) => {
        c[0].dependsOn = waitsFor("log-router");
        c.push(sidecar({ dependsOn: [...waitsFor("example"), ...waitsFor("log-router")] }));
        c.push({ name: "a", image: "busybox:1.37", essential: false, dependsOn: waitsFor("b") });
        c.push({ name: "b", image: "busybox:1.37", essential: false, dependsOn: waitsFor("a") });
      });
      expect(errors).toEqual([
        `${label}[0].dependsOn: must not form a cycle (none of its containers could ever start), got: "example -> log-router -> example"`,
        `${label}[2].dependsOn: must not form a cycle (none of its containers could ever start), got: "a -> b -> a"`,
      ]);
    });

    it.each(["START", "COMPLETE", "SUCCESS", "HEALTHY"])(
      "accepts %s on a container that is not essential",
      (condition) => {
        expect(
          linesFor((c) => {
            c[0].dependsOn = waitsFor("log-router", condition);
            c.push(sidecar());
          }).errors,
        ).toEqual([]);
      },
    );

    it.each(["START", "HEALTHY"])("accepts %s on an essential container", (condition) => {
      expect(linesFor((c) => c.push(sidecar({ dependsOn: waitsFor("example", condition) }))).errors).toEqual([]);
    });

    it("accepts a chain and a diamond: containers that wait for the same one are no cycle", () => {
      const { errors } = linesFor((c) => {
        c[0].dependsOn = [...waitsFor("log-router"), ...waitsFor("agent")];
        c.push(sidecar({ dependsOn: waitsFor("init", "SUCCESS") }));
        c.push({ name: "agent", image: "busybox:1.37", essential: false, dependsOn: waitsFor("init", "COMPLETE") });
        c.push({ name: "init", image: "busybox:1.37", essential: false });
      });
      expect(errors).toEqual([]);
    });

    it("gives Terraform the dependencies as written", () => {
      const containers = changed((c) => {
        c[0].dependsOn = waitsFor("log-router");
        c.push(sidecar());
      });
      const { file } = definitionsFile(containers);
      expect(JSON.parse(loadContainerDefinitions(file, EXPECT).json)).toEqual(containers);
    });
  });

  describe("images", () => {
    it.each<[string, string, string]>([
      [
        "an empty tag",
        "nginx:",
        'must have a tag of 1 to 128 letters, digits and _.- after its ":" (nginx:1.27.3), or no ":" at all',
      ],
      [
        "an empty digest",
        "nginx@",
        'must have a digest after its "@": sha256: and 64 lowercase hex digits (nginx@sha256:<digest>)',
      ],
      [
        "a digest without its algorithm",
        `nginx@${"a".repeat(64)}`,
        'must have a digest after its "@": sha256: and 64 lowercase hex digits (nginx@sha256:<digest>)',
      ],
      [
        "a tag and an empty digest",
        "nginx:1.27.3@sha256:",
        'must have a digest after its "@": sha256: and 64 lowercase hex digits (nginx@sha256:<digest>)',
      ],
      [
        "a tag without a repository",
        ":1.27.3",
        "must name a repository before its tag or digest (nginx:1.27.3, nginx@sha256:<digest>)",
      ],
      [
        "an empty tag behind a registry with a port",
        "registry.example.com:5000/team/app:",
        'must have a tag of 1 to 128 letters, digits and _.- after its ":" (nginx:1.27.3), or no ":" at all',
      ],
      [
        "a space",
        "nginx latest",
        "must be an image reference (repository:tag or repository@sha256:digest) of 1 to 255 letters, digits and -_.:/#@",
      ],
    ])("rejects %s with one line", (_, image, rule) => {
      const { errors, label } = errorsFor(changed((c) => (c[0].image = image)));
      expect(errors).toEqual([`${label}[0].image: ${rule}, got: ${JSON.stringify(image)}`]);
    });

    it.each([
      "nginx",
      "nginx:1.27.3",
      `nginx@sha256:${"0a".repeat(32)}`,
      `nginx:1.27.3@sha256:${"0a".repeat(32)}`,
      "registry.example.com:5000/team/app",
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example:release-20261128",
    ])("accepts %s", (image) => {
      expect(errorsFor(changed((c) => (c[0].image = image))).errors).toEqual([]);
    });
  });

  describe("container sizes against the task's", () => {
    const TASK = { ...EXPECT, taskSize: { cpu: 256, memoryMiB: 512 } };
    const sidecar = { name: "sidecar", image: "busybox:1.37", essential: false };
    const sizeErrors = (change: (containers: any[]) => void) => {
      const { file, label } = definitionsFile(changed(change));
      return { errors: loadContainerDefinitions(file, TASK).errors, label };
    };

    it.each<[string, (c: any[]) => void, string]>([
      [
        "a container's cpu above the task's",
        (c) => (c[0].cpu = 512),
        "[0].cpu: must be at most the task's `cpu` (256), got: 512",
      ],
      [
        "a container's memory above the task's",
        (c) => (c[0].memory = 1024),
        "[0].memory: must be at most the task's `memoryMiB` (512), got: 1024",
      ],
      [
        "a container's memoryReservation above the task's",
        (c) => (c[0].memoryReservation = 600),
        "[0].memoryReservation: must be at most the task's `memoryMiB` (512), got: 600",
      ],
      [
        "a memoryReservation above the container's own memory",
        (c) => Object.assign(c[0], { memory: 256, memoryReservation: 300 }),
        "[0].memoryReservation: must be at most the container's memory (256), got: 300",
      ],
      ["a cpu that is not a number", (c) => (c[0].cpu = "256"), '[0].cpu: must be a whole number from 0, got: "256"'],
      ["a memory of 4 MiB", (c) => (c[0].memory = 4), "[0].memory: must be a whole number from 6, got: 4"],
      [
        "two containers' cpu adding up to more than the task's",
        (c) => {
          c[0].cpu = 192;
          c.push({ ...sidecar, cpu: 128 });
        },
        ": the containers' `cpu` must add up to at most the task's `cpu` (256), got: 320 (example: 192, sidecar: 128)",
      ],
      [
        "two containers' reservations adding up to more than the task's memory",
        (c) => {
          c[0].memoryReservation = 384;
          c.push({ ...sidecar, memory: 192 });
        },
        ": the containers' `memoryReservation` (or `memory` without one) must add up to at most the task's `memoryMiB` (512), got: 576 (example: 384, sidecar: 192)",
      ],
    ])("rejects %s with one line", (_, change, error) => {
      const { errors, label } = sizeErrors(change);
      expect(errors).toEqual([`${label}${error}`]);
    });

    it("accepts containers that fit, hard limits above the sum of reservations", () => {
      const { errors } = sizeErrors((c) => {
        Object.assign(c[0], { cpu: 128, memory: 512, memoryReservation: 256 });
        c.push({ ...sidecar, cpu: 128, memory: 512, memoryReservation: 256 });
      });
      expect(errors).toEqual([]);
    });

    it("compares nothing without the task's size", () => {
      expect(errorsFor(changed((c) => (c[0].cpu = 4096))).errors).toEqual([]);
    });
  });

  describe("good edge values", () => {
    it.each([1, 65535])("accepts containerPort %i", (port) => {
      expect(errorsFor(changed((c) => (c[0].portMappings[0].containerPort = port))).errors).toEqual([]);
    });

    it("accepts a hostPort equal to the containerPort, udp and a container without essential (essential by default)", () => {
      const content = changed((c) => {
        c[0].portMappings = [{ containerPort: 80, hostPort: 80, protocol: "udp" }];
        delete c[0].essential;
      });
      expect(errorsFor(content).errors).toEqual([]);
    });

    it("does not check awslogs against a stack that expects nothing", () => {
      const { file } = definitionsFile(changed((c) => (c[0].logConfiguration.options["awslogs-region"] = "us-east-1")));
      expect(loadContainerDefinitions(file, { networkMode: "awsvpc" }).errors).toEqual([]);
    });
  });
});
