import { configurationAddress, readConfiguration, resourceInfo } from "../../plan-review/configuration";

const cdkTfJson = {
  resource: {
    aws_ecs_service: {
      example: {
        "//": { metadata: { path: "ecs-fargate/service/service", uniqueId: "example" } },
        lifecycle: { ignore_changes: ["task_definition"] },
      },
    },
    aws_subnet: { public: { "//": { metadata: { path: "ecs-fargate/network/public" } } } },
    aws_ssm_parameter: { p: { lifecycle: { ignore_changes: "all" } } },
  },
  data: {
    aws_iam_policy_document: { doc: { "//": { metadata: { path: "ecs-fargate/role/doc" } } } },
  },
};

describe("readConfiguration", () => {
  const configuration = readConfiguration(cdkTfJson);

  it("maps each address to the construct path CDKTF wrote in its // metadata", () => {
    expect(resourceInfo(configuration, "aws_ecs_service.example").constructPath).toBe("ecs-fargate/service/service");
    expect(resourceInfo(configuration, "data.aws_iam_policy_document.doc").constructPath).toBe("ecs-fargate/role/doc");
  });

  it("finds an instance's configuration under its address without the instance key", () => {
    expect(resourceInfo(configuration, "aws_subnet.public[1]").constructPath).toBe("ecs-fargate/network/public");
    expect(resourceInfo(configuration, 'aws_subnet.public["a"]').constructPath).toBe("ecs-fargate/network/public");
  });

  it("reads lifecycle.ignore_changes, a list or all", () => {
    expect(resourceInfo(configuration, "aws_ecs_service.example").ignoreChanges).toEqual(["task_definition"]);
    expect(resourceInfo(configuration, "aws_ssm_parameter.p").ignoreChanges).toBe("all");
    expect(resourceInfo(configuration, "aws_subnet.public").ignoreChanges).toEqual([]);
  });

  it("knows nothing of an address that is not there, and of a configuration that is not one", () => {
    expect(resourceInfo(configuration, "aws_vpc.other")).toEqual({ ignoreChanges: [] });
    expect(readConfiguration("nonsense").resources.size).toBe(0);
  });
});

describe("configurationAddress", () => {
  it.each([
    ["aws_subnet.public[0]", "aws_subnet.public"],
    ['aws_subnet.public["a.b"]', "aws_subnet.public"],
    ["module.x[0].aws_vpc.y", "module.x.aws_vpc.y"],
    ["aws_vpc.example", "aws_vpc.example"],
  ])("%s -> %s", (address, expected) => {
    expect(configurationAddress(address)).toBe(expected);
  });
});
