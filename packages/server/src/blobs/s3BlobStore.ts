import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import type { BlobStore } from "../domain/blobStore.js";

export interface S3Location {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** MinIO, Ceph and most self-hosted S3 servers want path-style URLs. */
  forcePathStyle: boolean;
  /** Keys go under this folder, so one bucket can hold several installations. */
  prefix: string;
}

/** Files in an S3-compatible object store; keys are random, never the user's file name. */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    const credentials =
      location.accessKeyId && location.secretAccessKey ? { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey } : undefined;
    this.client = new S3Client({
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      credentials,
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), Body: data, ContentLength: data.length }));
  }

  async get(key: string): Promise<Readable | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key) }));
      const body = object.Body;
      if (body instanceof Readable) return body;
      if (body === undefined) return undefined;
      return Readable.from(Buffer.from(await body.transformToByteArray()));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(key) }));
  }

  close(): void {
    this.client.destroy();
  }

  private key(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error("invalid blob key");
    return `${this.location.prefix}${key}`;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
}
