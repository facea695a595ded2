// Which container images come from Docker Hub: a reference without a registry host. Docker
// resolves `nginx:1.27` and `library/nginx` to docker.io, where anonymous pulls through a NAT
// gateway's address are limited (about 10 an hour), so a deploy at 200 % with autoscaling fails
// with CannotPullContainerError. A registry host is a first path part with a dot or a port, or `localhost`.
// https://docs.docker.com/docker-hub/usage/

/** True when `image` names no registry host, or names Docker Hub's. */
export function fromDockerHub(image: string): boolean {
  const slash = image.indexOf("/");
  if (slash < 0) return true;
  const first = image.slice(0, slash);
  const host = first.includes(".") || first.includes(":") || first === "localhost";
  return !host || /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/.test(first);
}

/** The images of a task definition's `container_definitions` (Terraform JSON's string) that come from Docker Hub. */
export function dockerHubImages(containerDefinitions: string): string[] {
  const containers = JSON.parse(containerDefinitions) as { image?: unknown }[];
  return containers.map((c) => c.image).filter((i): i is string => typeof i === "string" && fromDockerHub(i));
}
