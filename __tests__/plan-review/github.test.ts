// The deploy's lookup of the reviewed plan (plan-review/github.ts) against a local stand-in of
// GitHub's REST API that serves the documented shapes: the pull request merged as a commit, its
// comments, the stack's comment by the workflow's bot, planned at the merged head.
import { markerText, verificationOf } from "../../plan-review/fingerprint";
import { branchTip, gitHubFromEnv, GitHub, postComment, reviewedPlan } from "../../plan-review/github";
import { comment, GitHubStandIn, mergedPull, startGitHubStandIn } from "../helpers/github-stand-in";
import { fixturePlan } from "./fixtures";

const MERGE = "a".repeat(40);
const HEAD = "b".repeat(40);
const BASE = "c".repeat(40);
const STACK = "ecs-fargate-dev";
const reviewed = verificationOf(fixturePlan("update"), { base: BASE, head: HEAD });
const body = (stack = STACK, head = HEAD) =>
  `${markerText(stack, { ...reviewed, head })}\n### Terraform plan: \`${stack}\`\n`;

let standIn: GitHubStandIn;
let github: GitHub;
beforeAll(async () => {
  standIn = await startGitHubStandIn();
  github = gitHubFromEnv(standIn.env());
});
afterAll(() => standIn.stop());
beforeEach(() => {
  standIn.pullsByCommit.clear();
  standIn.comments.clear();
  standIn.requests.length = 0;
});

describe("the reviewed plan of a pushed commit", () => {
  it("is the stack's comment on the pull request merged as the commit, read with the job's token", async () => {
    standIn.pullsByCommit.set(MERGE, [mergedPull(7, MERGE, HEAD, BASE)]);
    standIn.comments.set(7, [
      comment(1, "LGTM", "a-reviewer"),
      comment(2, body("ecs-fargate-prod")),
      comment(3, body()),
    ]);
    const found = await reviewedPlan(github, MERGE, STACK);
    expect(found).toMatchObject({ kind: "found", pullRequest: { number: 7 }, comment: { id: 3 } });
    expect(found.kind === "found" && found.verification.fingerprint).toBe(reviewed.fingerprint);
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/octo-org/ecs-fargate/commits/${MERGE}/pulls`,
      "GET /repos/octo-org/ecs-fargate/issues/7/comments?per_page=100&page=1",
    ]);
    expect(new Set(standIn.requests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${standIn.token}`]));
  });

  it("reads every page of a long conversation", async () => {
    standIn.pullsByCommit.set(MERGE, [mergedPull(7, MERGE, HEAD, BASE)]);
    const chatter = Array.from({ length: 150 }, (_, i) => comment(100 + i, `comment ${i}`, "someone"));
    standIn.comments.set(7, [...chatter, comment(3, body())]);
    expect((await reviewedPlan(github, MERGE, STACK)).kind).toBe("found");
    expect(standIn.requests.filter((r) => r.path.includes("/comments")).map((r) => r.path.slice(-6))).toEqual([
      "page=1",
      "page=2",
    ]);
  });

  it.each<[string, () => void, string]>([
    ["a direct push: no pull request", () => undefined, `no pull request was merged as commit aaaaaaa`],
    [
      "a pull request only associated with the commit, not merged as it",
      () => standIn.pullsByCommit.set(MERGE, [{ ...mergedPull(8, "d".repeat(40), HEAD, BASE) }]),
      "no pull request was merged as commit aaaaaaa",
    ],
    [
      "no comment for the stack",
      () => {
        standIn.pullsByCommit.set(MERGE, [mergedPull(7, MERGE, HEAD, BASE)]);
        standIn.comments.set(7, [comment(2, body("ecs-fargate-prod"))]);
      },
      "pull request #7 has no plan comment for this stack by github-actions[bot]",
    ],
    [
      "a marker posted by someone else than the workflow (it could name any fingerprint)",
      () => {
        standIn.pullsByCommit.set(MERGE, [mergedPull(7, MERGE, HEAD, BASE)]);
        standIn.comments.set(7, [comment(2, body(), "mallory")]);
      },
      "pull request #7 has no plan comment for this stack by github-actions[bot]",
    ],
    [
      "a comment planned at an earlier commit of the pull request (its last plan did not finish)",
      () => {
        standIn.pullsByCommit.set(MERGE, [mergedPull(7, MERGE, HEAD, BASE)]);
        standIn.comments.set(7, [comment(2, body(STACK, "e".repeat(40)))]);
      },
      "the plan comment on pull request #7 is of commit eeeeeee, but the pull request merged bbbbbbb: its last plan did not finish or was not posted",
    ],
  ])("is none for %s", async (_what, arrange, reason) => {
    arrange();
    expect(await reviewedPlan(github, MERGE, STACK)).toMatchObject({ kind: "none", reason });
  });

  it("fails with GitHub's status when the token is refused", async () => {
    const refused = { ...github, token: "wrong" };
    await expect(reviewedPlan(refused, MERGE, STACK)).rejects.toThrow(
      `GitHub GET /commits/${MERGE}/pulls: HTTP 401 {"message":"Bad credentials"}`,
    );
  });
});

describe("the other calls", () => {
  it("posts a comment on the pull request", async () => {
    await postComment(github, 7, "the plan differs");
    expect(standIn.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/repos/octo-org/ecs-fargate/issues/7/comments",
        body: { body: "the plan differs" },
      }),
    ]);
    expect(standIn.comments.get(7)?.map((c) => c.body)).toEqual(["the plan differs"]);
  });

  it("reads a branch's tip", async () => {
    standIn.branches.set("main", BASE);
    expect(await branchTip(github, "main")).toBe(BASE);
  });
});

describe("the settings", () => {
  it.each<[NodeJS.ProcessEnv, string]>([
    [{}, "GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN not set: needed to read the reviewed plan from GitHub"],
    [
      { GITHUB_API_URL: "http://x", GITHUB_REPOSITORY: "o/r" },
      "GITHUB_TOKEN not set: needed to read the reviewed plan from GitHub",
    ],
    [
      { GITHUB_API_URL: "http://x", GITHUB_REPOSITORY: "no-slash", GITHUB_TOKEN: "t" },
      "GITHUB_REPOSITORY must be owner/repo, got: no-slash",
    ],
  ])("refuses %j", (env, message) => {
    expect(() => gitHubFromEnv(env)).toThrow(message);
  });
});
