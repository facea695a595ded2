import { containerImageTag } from "../../../checks/rules/container-image-tag";

const check = (...images: string[]) =>
  containerImageTag.check({
    mode: "resource",
    type: "aws_ecs_task_definition",
    args: { container_definitions: JSON.stringify(images.map((image, i) => ({ name: `c${i}`, image }))) },
  });

const FIX =
  "pin a version tag (nginx:1.27.3) or, to be exact, a digest (nginx@sha256:<digest>, from `docker buildx imagetools inspect nginx:1.27.3`)";

describe("container-image-tag", () => {
  it.each([
    "nginx:1.27.3",
    "public.ecr.aws/nginx/nginx:1.27",
    "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:2026-11-27",
    "registry.example.com:5000/team/web:v3",
    "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  ])("passes %s", (image) => {
    expect(check(image)).toEqual([]);
  });

  it("flags the note's nginx:latest", () => {
    expect(check("nginx:latest")).toEqual([
      {
        message:
          'container "c0" runs "nginx:latest", the latest tag: what runs changes whenever the registry\'s copy does',
        fix: FIX,
      },
    ]);
  });

  it.each(["nginx", "registry.example.com:5000/team/web"])("flags %s, which has no tag", (image) => {
    expect(check(image)).toEqual([
      {
        message: `container "c0" runs ${JSON.stringify(image)}, no tag: what runs changes whenever the registry's copy does`,
        fix: FIX,
      },
    ]);
  });

  it("still reads the images when the JSON holds references (a created parameter's ARN), and skips an image that is one", () => {
    const args = {
      container_definitions: JSON.stringify([
        { name: "web", image: "nginx:latest", secrets: [{ name: "A", valueFrom: "${aws_ssm_parameter.a.arn}" }] },
        { name: "app", image: "${aws_ecr_repository.app.repository_url}:1" },
      ]),
    };
    expect(
      containerImageTag.check({ mode: "resource", type: "aws_ecs_task_definition", args }).map((v) => v.message),
    ).toEqual([
      'container "web" runs "nginx:latest", the latest tag: what runs changes whenever the registry\'s copy does',
    ]);
  });

  it("names each container that is not pinned", () => {
    expect(check("nginx:1.27.3", "busybox").map((v) => v.message)).toEqual([
      'container "c1" runs "busybox", no tag: what runs changes whenever the registry\'s copy does',
    ]);
  });
});
