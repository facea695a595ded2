import { splitImage } from "../../release/image";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("image references", () => {
  it.each([
    ["nginx:1.27.3", { repository: "nginx", tag: "1.27.3" }],
    ["library/nginx:latest", { repository: "library/nginx", tag: "latest" }],
    [`nginx@${DIGEST}`, { repository: "nginx", digest: DIGEST }],
    [
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example-prod:0a1b2c3",
      { repository: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example-prod", tag: "0a1b2c3" },
    ],
    ["localhost:5000/app:v1", { repository: "localhost:5000/app", tag: "v1" }],
    [`ghcr.io/o/app:v1@${DIGEST}`, { repository: "ghcr.io/o/app", tag: "v1", digest: DIGEST }],
  ])("accepts %s", (value, parts) => {
    expect(splitImage(value)).toEqual({ reference: value, tag: undefined, digest: undefined, ...parts });
  });

  it.each([
    ["", '--image must be an image reference: a repository with a tag or an @sha256: digest, got: ""'],
    ["nginx:", '--image must not end with `:`: name a tag after it (or use @sha256:<digest>), got: "nginx:"'],
    [
      "nginx",
      '--image must name a tag (`:1.27.3`) or a digest (`@sha256:…`): a release never runs an implicit `latest`, got: "nginx"',
    ],
    [
      "nginx@sha256:abc",
      '--image must end its digest with sha256: and 64 lowercase hex characters, got: "nginx@sha256:abc"',
    ],
    [
      `nginx@md5:${"0".repeat(64)}`,
      `--image must end its digest with sha256: and 64 lowercase hex characters, got: "nginx@md5:${"0".repeat(64)}"`,
    ],
    [
      `nginx@sha256:${"A".repeat(64)}`,
      `--image must end its digest with sha256: and 64 lowercase hex characters, got: "nginx@sha256:${"A".repeat(64)}"`,
    ],
    ["nginx 1", '--image must not contain spaces, got: "nginx 1"'],
    [
      "nginx:-x",
      '--image must have a tag of letters, digits, `_`, `.` and `-`, at most 128, not starting with `.` or `-`, got: "nginx:-x"',
    ],
    [
      "NGINX:1",
      '--image must have a repository of lowercase letters, digits and separators (`.`, `_`, `-`, `/`), after an optional registry host, got: "NGINX:1"',
    ],
    [
      ":1",
      '--image must have a repository of lowercase letters, digits and separators (`.`, `_`, `-`, `/`), after an optional registry host, got: ":1"',
    ],
  ])("refuses %j with one line", (value, message) => {
    expect(splitImage(value)).toBe(message);
  });
});
