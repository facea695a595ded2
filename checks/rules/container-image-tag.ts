// An image without a tag, or with `latest`, is whatever the registry holds at the moment a task
// starts: two tasks of one deployment may run different code, and a rollback does not roll
// back. The note's `nginx:latest` is such an image.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-considerations.html
import { CheckRule, isReference } from "../rule";

/** The tag of an image reference, undefined when it has none; a digest counts as pinned. */
function tagOf(image: string): string | undefined {
  if (image.includes("@sha256:")) return "@digest";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

export const containerImageTag: CheckRule = {
  id: "container-image-tag",
  title: "every container image is pinned to a version or a digest",
  types: ["aws_ecs_task_definition"],
  check({ args }) {
    // The JSON may hold references (a created parameter's ARN in `secrets`): only an image
    // that is itself a reference is unknown at synth.
    const text = args.container_definitions;
    if (typeof text !== "string") return [];
    let containers: { name?: string; image?: unknown }[];
    try {
      containers = JSON.parse(text) as { name?: string; image?: unknown }[];
    } catch {
      return []; // the task definition reports a broken file itself
    }
    return containers
      .filter((c) => typeof c.image === "string" && !isReference(c.image))
      .filter((c) => {
        const tag = tagOf(c.image as string);
        return tag === undefined || tag === "latest";
      })
      .map((c) => ({
        message: `container "${c.name}" runs ${JSON.stringify(c.image)}, ${tagOf(c.image as string) === "latest" ? "the latest tag" : "no tag"}: what runs changes whenever the registry's copy does`,
        fix: "pin a version tag (nginx:1.27.3) or, to be exact, a digest (nginx@sha256:<digest>, from `docker buildx imagetools inspect nginx:1.27.3`)",
      }));
  },
};
