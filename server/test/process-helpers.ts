import { randomBytes } from "node:crypto";
import type { TestClient } from "./harness.js";

/** Helpers for tests of smart processes (issue 4). */

export const CONTRACT_STAGES = [
  { code: "draft", name: "Черновик", color: "#868e96", semantics: "process" },
  { code: "review", name: "На согласовании", color: "#fab005", semantics: "process" },
  { code: "signing", name: "Подписание", color: "#228be6", semantics: "process" },
  { code: "signed", name: "Подписан", color: "#40c057", semantics: "success" },
  { code: "rejected", name: "Отклонён", color: "#fa5252", semantics: "failure" },
];

export async function createProcess(admin: TestClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await admin.post("/api/processes", {
    code: `p${randomBytes(4).toString("hex")}`,
    name: "Согласование договора",
    stages: CONTRACT_STAGES,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`cannot create process: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addRobot(admin: TestClient, processId: string, robot: Record<string, unknown>): Promise<any> {
  const res = await admin.post(`/api/processes/${processId}/robots`, robot);
  if (res.status !== 201) throw new Error(`cannot create robot: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createItem(client: TestClient, processId: string, body: Record<string, unknown>): Promise<any> {
  const res = await client.post(`/api/processes/${processId}/items`, body);
  if (res.status !== 201) throw new Error(`cannot create item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function moveItem(client: TestClient, itemId: string, stage: string, reopen?: boolean): Promise<any> {
  const res = await client.post(`/api/items/${itemId}/stage`, { stage, ...(reopen !== undefined && { reopen }) });
  if (res.status !== 200) throw new Error(`cannot move item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function notificationsOf(client: TestClient, unread = false): Promise<any[]> {
  const res = await client.get(`/api/notifications${unread ? "?unread=true" : ""}`);
  if (res.status !== 200) throw new Error(`cannot list notifications: ${res.status}`);
  return res.body.items;
}
