import { join } from "node:path";
import type { BlobStore } from "../domain/blobStore.js";
import { SettingsError, type Settings } from "../settings.js";
import { DiskBlobStore } from "./diskBlobStore.js";
import { S3BlobStore } from "./s3BlobStore.js";

/** The blob store the settings choose: local disk under DATA_DIR by default, or an S3-compatible bucket. */
export function openBlobStore(settings: Settings): BlobStore {
  if (settings.blobStore === "disk") return new DiskBlobStore(join(settings.dataDir, "files"));
  if (!settings.s3Bucket) throw new SettingsError("invalid setting S3_BUCKET: required when BLOB_STORE=s3");
  return new S3BlobStore({
    bucket: settings.s3Bucket,
    endpoint: settings.s3Endpoint,
    region: settings.s3Region,
    accessKeyId: settings.s3AccessKeyId,
    secretAccessKey: settings.s3SecretAccessKey,
    forcePathStyle: settings.s3ForcePathStyle,
    prefix: settings.s3Prefix,
  });
}
