// With an ECR repository in the stack, a release runs only images of that repository that are in it.
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { show } from "../constructs/shared/validation";
import { ReleaseError } from "./errors";
import { ImageReference } from "./image";

const errorName = (error: unknown): string => (error as { name?: string }).name ?? "";

/** Refuses an image that is not of `repositoryName`, or whose tag or digest the repository does not hold. */
export async function requireEcrImage(ecr: ECRClient, repositoryName: string, image: ImageReference): Promise<void> {
  let uri: string | undefined;
  try {
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }));
    uri = repositories?.[0]?.repositoryUri;
  } catch (error) {
    if (errorName(error) !== "RepositoryNotFoundException") throw error;
  }
  if (!uri)
    throw new ReleaseError(`the stack's ECR repository ${repositoryName} does not exist: deploy the stack first`);
  if (image.repository !== uri) {
    throw new ReleaseError(
      `--image must be an image of the stack's ECR repository ${uri}, got: ${show(image.reference)}`,
      2,
    );
  }
  const imageId = image.digest ? { imageDigest: image.digest } : { imageTag: image.tag };
  try {
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [imageId] }));
    if ((imageDetails ?? []).length > 0) return;
  } catch (error) {
    if (errorName(error) !== "ImageNotFoundException") throw error;
  }
  const what = image.digest ? `digest ${image.digest}` : `tag ${show(image.tag)}`;
  throw new ReleaseError(`--image: the ${what} is not in the ECR repository ${repositoryName}: push it first`);
}
