import type { UploadStore } from "./jobs.ts";

/**
 * Upload URLs for the imports bucket: presigned S3 PUTs, signed with the function's own role.
 * The SDK is loaded on first use, so a cold start that never imports pays nothing for it.
 */
export function s3Uploads(bucket: string): UploadStore {
  return {
    async uploadUrl(key, expiresInSeconds) {
      const [{ S3Client, PutObjectCommand }, { getSignedUrl }] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/s3-request-presigner")]);
      const client = new S3Client({});
      return getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: "text/csv" }), { expiresIn: expiresInSeconds });
    },
  };
}

/** An uploaded object's bytes. */
export async function readS3Object(bucket: string, key: string): Promise<Uint8Array> {
  const { S3Client, GetObjectCommand } = await import("@aws-sdk/client-s3");
  const object = await new S3Client({}).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToByteArray();
}
