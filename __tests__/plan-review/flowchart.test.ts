// The flowchart as Mermaid itself reads it (mermaid-parse.mjs in a child process, all diagrams at once).
import { constructGroup, flowchart, GraphNode, MAX_DETAILED_NODES, mermaidId } from "../../plan-review/mermaid";
import { ParsedDiagram, parseMermaid } from "./mermaid";

const nodes: GraphNode[] = [
  { address: "aws_vpc.example", kind: "create", constructPath: "ecs-fargate/network/vpc" },
  { address: "aws_subnet.public_0", kind: "update", constructPath: "ecs-fargate/network/public_0" },
  {
    address: "aws_ecs_task_definition.example",
    kind: "replace",
    constructPath: "ecs-fargate/task_definition/task_definition",
  },
  { address: 'aws_ssm_parameter.p["a b"]', kind: "destroy", constructPath: "ecs-fargate/params/p" },
  { address: "aws_ecs_cluster.main", kind: "move" },
];
const edges = [
  { from: "aws_subnet.public_0", to: "aws_vpc.example" },
  { from: "aws_ecs_task_definition.example", to: "aws_vpc.example" },
  { from: "aws_vpc.example", to: "aws_vpc.example" },
  { from: "aws_vpc.example", to: "aws_not.in_the_plan" },
];

let parsed: ParsedDiagram[];
beforeAll(() => {
  parsed = parseMermaid([flowchart(nodes, edges), flowchart([], []), "flowchart LR\n  a -->"]);
});

describe("flowchart", () => {
  it("is a flowchart Mermaid's parser accepts", () => {
    expect(parsed[0]?.error).toBeUndefined();
    expect(parsed[0]?.diagramType).toBe("flowchart-v2");
  });

  it("has one node per changed resource, with the action and the address as its text", () => {
    // (Mermaid keeps the label's #quot; entity encoded until it draws.)
    expect(parsed[0]?.nodes?.map((n) => [n.id, n.text, n.classes]).sort()).toEqual([
      ["aws_ecs_cluster_main", "moved aws_ecs_cluster.main", ["move"]],
      ["aws_ecs_task_definition_example", "-/+ aws_ecs_task_definition.example", ["replace"]],
      [
        "aws_ssm_parameter_p_a_b",
        expect.stringMatching(/^- aws_ssm_parameter\.p\[\S*quot\S*a b\S*quot\S*\]$/),
        ["destroy"],
      ],
      ["aws_subnet_public_0", "~ aws_subnet.public_0", ["update"]],
      ["aws_vpc_example", "+ aws_vpc.example", ["create"]],
    ]);
  });

  it("groups nodes by construct, one subgraph each", () => {
    expect(parsed[0]?.subgraphs?.map((s) => [s.id, s.title, [...s.nodes].sort()]).sort()).toEqual([
      ["construct_network", "network", ["aws_subnet_public_0", "aws_vpc_example"]],
      ["construct_params", "params", ["aws_ssm_parameter_p_a_b"]],
      ["construct_task_definition", "task_definition", ["aws_ecs_task_definition_example"]],
    ]);
  });

  it("draws each dependency once, from the dependency to what needs it, between drawn nodes only", () => {
    expect(parsed[0]?.edges?.map((e) => `${e.from} --> ${e.to}`).sort()).toEqual([
      "aws_vpc_example --> aws_ecs_task_definition_example",
      "aws_vpc_example --> aws_subnet_public_0",
    ]);
  });

  it("colours by action: a class per action present", () => {
    expect(parsed[0]?.classes?.sort()).toEqual(["create", "destroy", "move", "replace", "update"]);
  });

  it("parses when empty too", () => {
    expect(parsed[1]).toMatchObject({ diagramType: "flowchart-v2", nodes: [] });
  });

  it("the parser does reject a broken diagram (so that the checks above can fail)", () => {
    expect(parsed[2]?.error).toContain("Parse error");
  });

  it("is the same text for the same input", () => {
    expect(flowchart([...nodes].reverse(), [...edges].reverse())).toBe(flowchart(nodes, edges));
  });
});

describe("ids and groups", () => {
  it("derive node ids from addresses: letters, digits and underscores", () => {
    expect(mermaidId("aws_ecs_service.example")).toBe("aws_ecs_service_example");
    expect(mermaidId('module.x["a"].aws_vpc.y')).toBe("module_x_a_aws_vpc_y");
  });

  it("group by the construct path between the stack and the resource", () => {
    expect(constructGroup("ecs-fargate/network/vpc")).toBe("network");
    expect(constructGroup("ecs-fargate/ecs/service/service")).toBe("ecs/service");
    expect(constructGroup("ecs-fargate/vpc")).toBeUndefined();
    expect(constructGroup(undefined)).toBeUndefined();
  });
});

describe("a plan of more than MAX_DETAILED_NODES resources", () => {
  const many: GraphNode[] = [
    ...Array.from({ length: 10 }, (_, i) => ({
      address: `aws_subnet.s${i}`,
      kind: "create" as const,
      constructPath: `ecs-fargate/network/s${i}`,
    })),
    { address: "aws_vpc.example", kind: "update", constructPath: "ecs-fargate/network/vpc" },
    { address: "aws_ecs_service.example", kind: "replace", constructPath: "ecs-fargate/service/service" },
    { address: "aws_ecs_cluster.example", kind: "create" },
  ];
  const manyEdges = [
    { from: "aws_subnet.s0", to: "aws_vpc.example" },
    { from: "aws_ecs_service.example", to: "aws_subnet.s1" },
    { from: "aws_ecs_service.example", to: "aws_subnet.s2" },
    { from: "aws_ecs_service.example", to: "aws_ecs_cluster.example" },
  ];
  let grouped: ParsedDiagram | undefined;
  beforeAll(() => {
    expect(many.length).toBeGreaterThan(MAX_DETAILED_NODES);
    [grouped] = parseMermaid([flowchart(many, manyEdges)]);
  });

  it("draws one box per construct and action, counting its resources, top to bottom", () => {
    expect(flowchart(many, manyEdges).startsWith("flowchart TB\n")).toBe(true);
    expect(grouped?.error).toBeUndefined();
    expect(grouped?.nodes?.map((n) => [n.id, n.text, n.classes]).sort()).toEqual([
      ["group_network_create", "network: 10 to add", ["create"]],
      ["group_network_update", "network: 1 to change", ["update"]],
      ["group_service_replace", "service: 1 to replace", ["replace"]],
      ["group_stack_create", "stack: 1 to add", ["create"]],
    ]);
  });

  it("draws each dependency between boxes once, never from a box to itself", () => {
    expect(grouped?.edges?.map((e) => `${e.from} --> ${e.to}`).sort()).toEqual([
      "group_network_create --> group_service_replace",
      "group_network_update --> group_network_create",
      "group_stack_create --> group_service_replace",
    ]);
  });
});
