// The planner's lookup of release images: which region it asks, and that a plan whose services run
// Terraform's own revisions asks nothing.
import { lookUpRunningImages, providerRegion } from "../../plan-review/running-images";
import { fixturePlan } from "./fixtures";

describe("the running images' lookup", () => {
  it("asks in the provider's region, as the configuration sets it", () => {
    expect(providerRegion(fixturePlan("no-changes"))).toBe("ap-northeast-1");
  });

  it("asks nothing when every service runs Terraform's own revision", async () => {
    await expect(lookUpRunningImages(fixturePlan("no-changes"))).resolves.toEqual(new Map());
  });
});
