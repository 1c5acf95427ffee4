import http from "node:http";
import https from "node:https";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { defineJob, JobGaveUp } from "../../jobs/definition.js";
import { signWebhook } from "./robot-actions.js";
import { runRobotJob } from "./robot-runner.js";
import { webhookSecret } from "./webhook-secret.js";
import { assertPublicLiteral, publicOnlyLookup, WebhookTargetRefused } from "./webhook-target.js";

const WEBHOOK_TIMEOUT_MS = 10_000;

const robotJobPayload = z.object({
  robotId: z.string(),
  itemId: z.string(),
  stageEntryId: z.string(),
  /** Robots of the same stage and delay that come first: they run before this one, in this order. */
  after: z.array(z.string()),
});
export type RobotJobPayload = z.infer<typeof robotJobPayload>;

/** One robot of a stage entry, due at entry + the robot's delay (robot-schedule.ts enqueues it). */
export const robotJob = defineJob({
  kind: "robot.run",
  payload: robotJobPayload,
  maxAttempts: 5,
  runInWork: runRobotJob,
  lockOrder: (payload) => payload.itemId,
});

/** A webhook robot's POST, a job of its own with retries: the run is recorded once, the POST may be repeated. */
export const webhookJob = defineJob({
  kind: "robot.webhook",
  payload: z.object({ url: z.string(), body: z.string(), deliveryId: z.string() }),
  run: (ctx, payload) => deliverWebhook(ctx, payload),
});

/**
 * POSTs a webhook robot's JSON, signed with HMAC-SHA256 of the body under the installation's webhook secret
 * (`X-Docket-Signature: sha256=<hex>`). Anything but a 2xx throws, so the worker retries with backoff; receivers
 * drop repeats by `X-Docket-Delivery`. With DOCKET_WEBHOOK_ALLOW_PRIVATE=false a target that is or resolves to a
 * non-public address fails the job at once, with the reason.
 */
async function deliverWebhook(ctx: AppContext, payload: { url: string; body: string; deliveryId: string }) {
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(payload.body)),
    "user-agent": "Docket-Webhook",
    "x-docket-event": "robot.webhook",
    "x-docket-delivery": payload.deliveryId,
    "x-docket-signature": signWebhook(await webhookSecret(ctx), payload.body),
  };
  let status: number;
  try {
    if (!ctx.config.webhookAllowPrivate) assertPublicLiteral(payload.url);
    status = await post(
      payload.url,
      headers,
      payload.body,
      ctx.config.webhookAllowPrivate ? undefined : publicOnlyLookup,
    );
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new JobGaveUp(error.message);
    throw error;
  }
  if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
}

/** One POST, redirects not followed; resolves with the status as soon as it arrives. */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  lookup: typeof publicOnlyLookup | undefined,
): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method: "POST", headers, lookup, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
