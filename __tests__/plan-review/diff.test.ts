import { diffResource, diffValues, formatPath } from "../../plan-review/diff";
import { Change } from "../../plan-review/plan-json";

const containers = (image: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify([
    {
      name: "example",
      image,
      essential: true,
      portMappings: [{ protocol: "tcp", containerPort: 80 }],
      ...extra,
    },
  ]);

/** What AWS returns for the same definitions: its defaults added, keys in its own order. */
const awsNormalized = (image: string) =>
  JSON.stringify([
    {
      cpu: 0,
      environment: [],
      essential: true,
      image,
      mountPoints: [],
      name: "example",
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp" }],
      systemControls: [],
      volumesFrom: [],
    },
  ]);

const lines = (changes: { path: string; before?: string; after: string }[]) =>
  changes.map((c) => (c.before === undefined ? `${c.path} = ${c.after}` : `${c.path}: ${c.before} → ${c.after}`));

describe("JSON documents held by a string", () => {
  it("are diffed by path inside the document", () => {
    expect(
      lines(
        diffValues(
          containers("nginx:latest"),
          containers("nginx:1.27.3"),
          undefined,
          undefined,
          "container_definitions",
        ),
      ),
    ).toEqual(['container_definitions[0].image: "nginx:latest" → "nginx:1.27.3"']);
  });

  it("ignore what AWS adds (cpu 0, empty lists, the host port) and key order", () => {
    expect(diffValues(awsNormalized("nginx:latest"), containers("nginx:latest"), undefined, undefined, "c")).toEqual(
      [],
    );
    expect(
      lines(diffValues(awsNormalized("nginx:latest"), containers("nginx:1.27.3"), undefined, undefined, "c")),
    ).toEqual(['c[0].image: "nginx:latest" → "nginx:1.27.3"']);
  });

  it("still show a CPU or host port that differs from AWS's default", () => {
    expect(lines(diffValues(awsNormalized("a"), containers("a", { cpu: 128 }), undefined, undefined, "c"))).toEqual([
      "c[0].cpu: 0 → 128",
    ]);
    const hostPort = containers("a").replace('"containerPort":80', '"containerPort":80,"hostPort":8080');
    expect(lines(diffValues(awsNormalized("a"), hostPort, undefined, undefined, "c"))).toEqual([
      "c[0].portMappings[0].hostPort: 80 → 8080",
    ]);
  });

  it("read a policy's single action and a list of one action alike", () => {
    const before = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const same = JSON.stringify({
      Statement: [{ Resource: "*", Action: ["s3:GetObject"], Effect: "Allow" }],
      Version: "2012-10-17",
    });
    const more = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }],
    });
    expect(diffValues(before, same)).toEqual([]);
    expect(lines(diffValues(before, more, undefined, undefined, "policy"))).toEqual([
      'policy.Statement[0].Action: "s3:GetObject" → ["s3:GetObject","s3:PutObject"]',
    ]);
  });
});

describe("empty versus null", () => {
  it("is never a change", () => {
    expect(diffValues({ ipc_mode: "", tags: {}, volume: [] }, { ipc_mode: null, tags: null, volume: null })).toEqual(
      [],
    );
  });
});

describe("nested values", () => {
  it("are named by path, lists of primitives shown whole", () => {
    const before = { network_configuration: [{ subnets: ["a", "b"], assign_public_ip: false }], tags: { Name: "x" } };
    const after = {
      network_configuration: [{ subnets: ["a", "c"], assign_public_ip: false }],
      tags: { Name: "y", Env: "dev" },
    };
    expect(lines(diffValues(before, after))).toEqual([
      'network_configuration[0].subnets: ["a","b"] → ["a","c"]',
      'tags.Env: null → "dev"',
      'tags.Name: "x" → "y"',
    ]);
  });
});

describe("sensitive values", () => {
  it("print as (sensitive), whole attributes and nested ones, when they change", () => {
    const changes = diffValues(
      { value: "old-secret", tags: { rotation: "old-secr", owner: "me" } },
      { value: "new-secret", tags: { rotation: "new-secr", owner: "you" } },
      { value: true, tags: { rotation: true } },
    );
    expect(lines(changes)).toEqual([
      'tags.owner: "me" → "you"',
      "tags.rotation: (sensitive) → (sensitive)",
      "value: (sensitive) → (sensitive)",
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/secret|secr/);
  });

  it("are not shown at all when they do not change", () => {
    expect(diffValues({ value: "same" }, { value: "same" }, { value: true })).toEqual([]);
  });
});

describe("diffResource", () => {
  const replace: Change = {
    actions: ["delete", "create"],
    before: {
      arn: "arn:1",
      id: "example",
      revision: 1,
      family: "example",
      container_definitions: awsNormalized("nginx:latest"),
      ipc_mode: "",
      tags: {},
    },
    after: { family: "example", container_definitions: containers("nginx:1.27.3"), ipc_mode: null, tags: null },
    after_unknown: { arn: true, id: true, revision: true },
    before_sensitive: {},
    after_sensitive: {},
    replace_paths: [["container_definitions"]],
  };

  it("a replacement: the changed leaf by path, what is known after apply folded, no noise", () => {
    expect(diffResource(replace, "replace")).toEqual({
      changes: [{ path: "container_definitions[0].image", before: '"nginx:latest"', after: '"nginx:1.27.3"' }],
      knownAfterApply: ["arn", "id", "revision"],
    });
  });

  it("an update: an attribute known only after apply is shown as such", () => {
    const update: Change = {
      actions: ["update"],
      before: { task_definition: "arn:td:1", desired_count: 2 },
      after: { desired_count: 2 },
      after_unknown: { task_definition: true },
    };
    expect(lines([...diffResource(update, "update").changes])).toEqual([
      'task_definition: "arn:td:1" → (known after apply)',
    ]);
  });

  it("a creation: the configured arguments, the unknown ones folded", () => {
    const create: Change = {
      actions: ["create"],
      before: null,
      after: { name: "example", desired_count: 2, launch_type: "FARGATE", tags: null, enable_ecs_managed_tags: false },
      after_unknown: { id: true, cluster: true, task_definition: true },
    };
    const configured = new Set(["name", "desired_count", "cluster", "task_definition", "tags"]);
    expect(diffResource(create, "create", configured)).toEqual({
      changes: [
        { path: "desired_count", after: "2" },
        { path: "name", after: '"example"' },
      ],
      knownAfterApply: ["cluster", "task_definition"],
    });
  });

  it("a destruction: nothing", () => {
    expect(diffResource({ actions: ["delete"], before: { id: "x" }, after: null }, "destroy")).toEqual({
      changes: [],
      knownAfterApply: [],
    });
  });
});

describe("formatPath", () => {
  it("names a replace_paths entry like the diff does", () => {
    expect(formatPath(["container_definitions"])).toBe("container_definitions");
    expect(formatPath(["network_configuration", 0, "subnets"])).toBe("network_configuration[0].subnets");
    expect(formatPath(["tags", "Name tag"])).toBe('tags["Name tag"]');
  });
});
