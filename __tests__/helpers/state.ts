// Reading and writing a stack's remote state in the emulator's S3, as Terraform's S3
// backend does: the state object at its key, the lock object at `<key>.tflock`.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

/** Terraform's lock information, as the S3 backend writes it into the `.tflock` object. */
export interface LockInfo {
  ID: string;
  Operation: string;
  Info: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
}

export interface StateFile {
  serial: number;
  lineage: string;
  resources: { mode: string; type: string; name: string; instances: unknown[] }[];
}

export class RemoteState {
  public constructor(
    private readonly s3: S3Client,
    public readonly bucket: string,
    public readonly key: string,
  ) {}

  public get lockKey(): string {
    return `${this.key}.tflock`;
  }

  private async text(key: string, versionId?: string): Promise<string | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      return await object.Body?.transformToString();
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  public async state(versionId?: string): Promise<StateFile | undefined> {
    const text = await this.text(this.key, versionId);
    return text === undefined ? undefined : (JSON.parse(text) as StateFile);
  }

  /** The managed resources' addresses in the state object, sorted. */
  public async addresses(): Promise<string[]> {
    const state = await this.state();
    return (state?.resources ?? [])
      .filter((r) => r.mode === "managed" && r.instances.length > 0)
      .map((r) => `${r.type}.${r.name}`)
      .sort();
  }

  public async lock(): Promise<LockInfo | undefined> {
    const text = await this.text(this.lockKey);
    return text === undefined ? undefined : (JSON.parse(text) as LockInfo);
  }

  /** Writes a lock object the way Terraform's S3 backend does: JSON lock info at `<key>.tflock`. */
  public async writeLock(info: LockInfo): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.lockKey, Body: JSON.stringify(info), IfNoneMatch: "*" }),
    );
  }

  public async removeLock(): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.lockKey }));
  }

  /** The state object's versions, newest first (the order S3 lists them in). */
  public async versions(): Promise<{ versionId: string; isLatest: boolean }[]> {
    const { Versions = [] } = await this.s3.send(
      new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: this.key }),
    );
    return Versions.filter((v) => v.Key === this.key).map((v) => ({
      versionId: v.VersionId ?? "",
      isLatest: v.IsLatest ?? false,
    }));
  }

  /** Makes an earlier version the current one again, as the README's recovery steps do: a copy onto the key. */
  public async restore(versionId: string): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: this.key,
        CopySource: `${this.bucket}/${this.key}?versionId=${versionId}`,
      }),
    );
  }
}
