import { otherTags, releaseOf, releasesTable, revisionName, TAG } from "../../release/history";
import { progressLine } from "../../release/wait";

const ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/example";

describe("the release history in a revision's tags", () => {
  const tags = [
    { key: "Environment", value: "dev" },
    { key: TAG.image, value: "nginx:1.27.3" },
    { key: TAG.container, value: "example" },
    { key: TAG.base, value: "example:1" },
    { key: TAG.from, value: "example:1" },
    { key: TAG.at, value: "2026-11-28T21:43:40.123Z" },
    { key: TAG.outcome, value: "COMPLETED" },
  ];

  it("reads a release from its revision's tags", () => {
    expect(releaseOf(`${ARN}:2`, "ACTIVE", tags)).toEqual({
      arn: `${ARN}:2`,
      revision: "example:2",
      image: "nginx:1.27.3",
      container: "example",
      base: "example:1",
      from: "example:1",
      at: "2026-11-28T21:43:40.123Z",
      outcome: "COMPLETED",
      status: "ACTIVE",
    });
  });

  it("finds none on a revision Terraform registered", () => {
    expect(releaseOf(`${ARN}:1`, "ACTIVE", [{ key: "Environment", value: "dev" }])).toBeUndefined();
  });

  it("keeps the stack's own tags on a release's revision, not an earlier release's", () => {
    expect(otherTags(tags)).toEqual([{ key: "Environment", value: "dev" }]);
  });

  it("names a revision by family and number", () => {
    expect([revisionName(`${ARN}:12`), revisionName(undefined)]).toEqual(["example:12", "(none)"]);
  });

  it("prints the releases as a table, newest first, marking the one that runs and the deregistered ones", () => {
    const second = releaseOf(`${ARN}:3`, "INACTIVE", [
      ...tags.filter((t) => t.key !== TAG.outcome && t.key !== TAG.from),
      { key: TAG.outcome, value: "ROLLED_BACK" },
      { key: TAG.from, value: "example:2" },
    ]);
    const first = releaseOf(`${ARN}:2`, "ACTIVE", tags);
    expect(releasesTable([second!, first!], "example:2")).toBe(
      [
        "revision     image         started (UTC)        outcome                 from",
        "example:3    nginx:1.27.3  2026-11-28 21:43:40  ROLLED_BACK (inactive)  example:2",
        "example:2 *  nginx:1.27.3  2026-11-28 21:43:40  COMPLETED               example:1",
      ].join("\n"),
    );
  });
});

describe("the progress line", () => {
  it("shows the elapsed time, the revision, the rollout state, the counts and the newest event", () => {
    expect(
      progressLine(
        {
          taskDefinition: `${ARN}:4`,
          rolloutState: "IN_PROGRESS",
          runningCount: 1,
          desiredCount: 2,
          pendingCount: 1,
          failedTasks: 3,
        },
        { events: [{ message: "(service example) has started 2 tasks." }] },
        12.4,
      ),
    ).toBe("  12 s  example:4  IN_PROGRESS  running 1/2, pending 1, failed 3  (service example) has started 2 tasks.");
  });
});
