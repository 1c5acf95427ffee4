import type { AppContext } from "../../context.js";
import { defineJob } from "../../jobs/registry.js";
import { signWebhook, WEBHOOK_JOB } from "./robot-actions.js";
import { runRobotJob } from "./robot-runner.js";
import { ROBOT_JOB } from "./robot-schedule.js";

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs a webhook robot's JSON, signed with HMAC-SHA256 of the body under DOCKET_WEBHOOK_SECRET
 * (`X-Docket-Signature: sha256=<hex>`). Anything but a 2xx throws, so the worker retries with backoff; receivers
 * drop repeats by `X-Docket-Delivery`.
 */
async function deliverWebhook(ctx: AppContext, payload: { url: string; body: string; deliveryId: string }) {
  const response = await fetch(payload.url, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Docket-Webhook",
      "x-docket-event": "robot.webhook",
      "x-docket-delivery": payload.deliveryId,
      "x-docket-signature": signWebhook(ctx.config.webhookSecret, payload.body),
    },
    body: payload.body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered ${response.status}`);
}

let defined = false;
export function defineAutomationJobs(): void {
  if (defined) return;
  defined = true;
  defineJob(ROBOT_JOB, runRobotJob);
  defineJob(WEBHOOK_JOB, deliverWebhook);
}
