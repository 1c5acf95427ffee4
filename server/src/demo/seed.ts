import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions } from "fastify";
import { innCheckDigit } from "@docket/common";

/** Talks to the app in-process through its public API, so the demo data passes every rule real users meet. */
class DemoClient {
  private cookie = "";
  private csrf = "";
  constructor(private readonly app: FastifyInstance) {}

  async call<T = unknown>(
    method: InjectOptions["method"],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, "x-csrf-token": this.csrf, ...headers },
      ...(body !== undefined && { payload: body as InjectOptions["payload"] }),
    });
    if (res.statusCode >= 400) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
    const setCookie = res.headers["set-cookie"];
    if (setCookie) this.cookie = String(setCookie).split(";")[0]!;
    return (res.body ? JSON.parse(res.body) : undefined) as T;
  }

  async login(email: string, password: string) {
    this.csrf = (await this.call<{ csrfToken: string }>("POST", "/api/auth/login", { email, password })).csrfToken;
    return this;
  }

  upload(url: string, fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
    const boundary = `----docketdemo${randomBytes(8).toString("hex")}`;
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const payload = Buffer.concat([
      Buffer.from(parts.join("")),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.call<{ id: string; number: string }>("POST", url, payload, {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
  }
}

/** A valid 10-digit INN from a 9-digit prefix (the last digit is the checksum). */
export const innFrom = (prefix9: string): string => `${prefix9}${innCheckDigit(prefix9)}`;

export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS = [
  { email: "admin@demo.docket", name: "Администратор", role: "admin" as const },
  { email: "lawyer@demo.docket", name: "Анна Юристова", role: "user" as const },
  { email: "director@demo.docket", name: "Борис Директоров", role: "user" as const },
  { email: "manager@demo.docket", name: "Мария Менеджерова", role: "user" as const },
];

const COMPANIES = [
  ["ООО «Ромашка»", "770812345", "Москва, ул. Лесная, 5"],
  ["АО «СтройИнвест»", "781054321", "Санкт-Петербург, Невский пр., 100"],
  ["ООО «ТехноПоставка»", "500198765", "Подольск, ул. Заводская, 12"],
  ["ПАО «Северный банк»", "290111223", "Архангельск, пр. Троицкий, 45"],
  ["ИП Смирнов А. В.", "666033444", "Екатеринбург, ул. Мира, 8"],
] as const;

const CONTRACTS: { title: string; company: number; stage: string; amount: number }[] = [
  { title: "Договор поставки оборудования", company: 0, stage: "new", amount: 1_250_000 },
  { title: "Договор аренды офиса", company: 1, stage: "legal", amount: 480_000 },
  { title: "Договор на обслуживание серверов", company: 2, stage: "manager", amount: 2_400_000 },
  { title: "Договор подряда на ремонт", company: 1, stage: "signing", amount: 3_100_000 },
  { title: "Кредитный договор", company: 3, stage: "done", amount: 10_000_000 },
  { title: "Договор оказания консультационных услуг", company: 4, stage: "rejected", amount: 150_000 },
  { title: "Договор поставки канцтоваров", company: 0, stage: "legal", amount: 85_000 },
];

const STAGE_PATH = ["new", "legal", "manager", "signing", "done"];
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Fills an installation that was just provisioned (the mission's types and process exist) with demo data. */
export async function seedDemo(
  app: FastifyInstance,
  files: { docx(lines: string[]): Buffer; pdf(lines: string[]): Buffer },
  /** Runs the robots a move caused, as a user's pace would let the worker do between two moves. */
  settle: () => Promise<unknown>,
) {
  const pdfFile = (name: string, lines: string[]) => ({ name, content: files.pdf(lines), type: "application/pdf" });
  const docxFile = (name: string, lines: string[]) => ({ name, content: files.docx(lines), type: DOCX_TYPE });
  const admin = await new DemoClient(app).login(DEMO_USERS[0]!.email, DEMO_PASSWORD);
  const users: Record<string, string> = {};
  for (const user of DEMO_USERS.slice(1)) {
    users[user.email] = (
      await admin.call<{ id: string }>("POST", "/api/users", { ...user, password: DEMO_PASSWORD })
    ).id;
  }
  const process = (await admin.call<{ items: { id: string }[] }>("GET", "/api/processes")).items[0]!;
  // The lawyer reviews and the director approves, instead of the administrator provisioning chose.
  const robots = (
    await admin.call<{ items: { id: string; stage: string; kind: string }[] }>(
      "GET",
      `/api/processes/${process.id}/robots`,
    )
  ).items;
  for (const robot of robots.filter((r) => r.kind === "setResponsible")) {
    const userId = robot.stage === "legal" ? users["lawyer@demo.docket"] : users["director@demo.docket"];
    await admin.call("PATCH", `/api/robots/${robot.id}`, { params: { userId } });
  }

  const companies = [];
  for (const [name, prefix, address] of COMPANIES) {
    companies.push(await admin.call<{ id: string }>("POST", "/api/companies", { name, inn: innFrom(prefix), address }));
  }
  const types = (await admin.call<{ items: { id: string; code: string }[] }>("GET", "/api/document-types")).items;
  const typeId = (code: string) => types.find((t) => t.code === code)!.id;

  const manager = await new DemoClient(app).login("manager@demo.docket", DEMO_PASSWORD);
  const director = await new DemoClient(app).login("director@demo.docket", DEMO_PASSWORD);
  for (const contract of CONTRACTS) {
    const company = companies[contract.company]!;
    const item = await manager.call<{ id: string }>("POST", `/api/processes/${process.id}/items`, {
      title: contract.title,
      companyId: company.id,
    });
    await manager.upload(
      `/api/items/${item.id}/documents`,
      { typeId: typeId("contract"), title: contract.title, fields: JSON.stringify({ amount: contract.amount }) },
      docxFile(`${contract.title}.docx`, [
        contract.title,
        `Сумма договора: ${contract.amount} руб.`,
        "Стороны договорились о нижеследующем.",
      ]),
    );
    const target =
      contract.stage === "rejected" ? ["rejected"] : STAGE_PATH.slice(1, STAGE_PATH.indexOf(contract.stage) + 1);
    for (const stage of target) {
      if (stage === "signing") {
        // Only the director's approval leads from "manager" to "signing" (the stage's `next` keeps people out).
        const pending = await director.call<{ items: { id: string; itemId: string }[] }>(
          "GET",
          "/api/approvals?state=pending",
        );
        const approval = pending.items.find((a) => a.itemId === item.id)!;
        await director.call("POST", `/api/approvals/${approval.id}/decision`, { decision: "approve" });
      } else {
        await admin.call("POST", `/api/items/${item.id}/stage`, { stage });
      }
      await settle();
    }
  }

  await manager.upload(
    "/api/documents",
    { typeId: typeId("incoming"), title: "Письмо о сверке взаиморасчётов", companyId: companies[3]!.id },
    pdfFile("письмо.pdf", ["Письмо о сверке взаиморасчётов", "Просим подтвердить сальдо."]),
  );
  await admin.upload(
    "/api/documents",
    { typeId: typeId("order"), title: "О назначении ответственного за документооборот" },
    docxFile("приказ.docx", ["Приказ", "Назначить ответственным Юристову А."]),
  );
  await manager.upload(
    "/api/documents",
    { typeId: typeId("act"), title: "Акт выполненных работ за ноябрь", companyId: companies[2]!.id },
    pdfFile("акт.pdf", ["Акт выполненных работ", "Работы выполнены в полном объёме."]),
  );
}
