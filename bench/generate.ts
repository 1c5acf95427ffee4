// Bulk generation of a document registry straight into the real tables: for every document what registration
// writes (documents, document_versions, drive_files under its folders, document_counters, the search index, the
// "document.registered" history row) plus what text extraction adds later (document_texts and the re-indexed body).
// The files' bytes are not written: listing and search never read them (bench/registration measures that path).
import pg from "pg";
import { newId } from "../server/src/lib/ids.js";
import { searchKey } from "../server/src/db/text-search.js";
import { searchTerms } from "../server/src/lib/russian-stemmer.js";
import { ensureFolderPath } from "../server/src/modules/drive/drive.repository.js";
import { driveFileName } from "@docket/common";
import type { Runtime } from "../server/src/bootstrap.js";
import type { DocumentsTable } from "../server/src/modules/documents/documents.tables.js";

export const TYPE_NAMES = [
  ["contract", "Договоры", "Договор поставки", "Д"],
  ["invoice", "Счета", "Счёт на оплату", "СЧ"],
  ["act", "Акты", "Акт выполненных работ", "А"],
  ["waybill", "Накладные", "Товарная накладная", "ТН"],
  ["proxy", "Доверенности", "Доверенность на получение", "ДВ"],
  ["order", "Приказы", "Приказ о назначении", "П"],
  ["letter", "Письма", "Письмо о согласовании", "ПС"],
  ["protocol", "Протоколы", "Протокол разногласий", "ПР"],
  ["spec", "Спецификации", "Спецификация к договору", "СП"],
  ["addendum", "Соглашения", "Дополнительное соглашение", "ДС"],
] as const;

/** Most documents of a registry are old and signed; a few are drafts or under review. */
export const STATUSES = [
  { code: "draft", name: "Черновик", color: "#868e96", initial: true, weight: 0.08 },
  { code: "review", name: "На согласовании", color: "#fab005", weight: 0.07 },
  { code: "signed", name: "Подписан", color: "#40c057", final: true, weight: 0.75 },
  { code: "rejected", name: "Отклонён", color: "#fa5252", final: true, weight: 0.1 },
] as const;

const PREFIXES = (
  "Альфа Бета Вектор Гранит Дельта Енисей Жемчуг Зенит Игла Кедр Лотос Магистраль Нева Олимп Парус Радуга Сапфир " +
  "Титан Урал Феникс Хорс Циркон Чайка Шторм Эверест Юпитер Янтарь Азимут Байкал Волга Горизонт Днепр Ермак Заря " +
  "Исток Кристалл Ладога Меридиан Нептун Орион Полюс Рубин Сокол Тайга Уголь Форт Хибины Цитадель Эталон Ястреб " +
  "Амур Берег Восток Гавань Дон Ель Звезда Истра Кама Лес Мост Нива Ока Пик Рассвет Свет Терем Устье Фрегат Хлеб " +
  "Центр Чароит Шельф Электро Юг Яр Аврора Бор Вега Град Двина Ёлка Злак Искра Клён Луч Маяк Нить Опора Прогресс"
)
  .split(" ")
  .slice(0, 100);
const SUFFIXES = (
  "строй торг снаб пром сервис тех лес нефть газ агро транс инвест энерго мет хим фарм маш приб связь софт " +
  "медиа трейд логистик комплект ресурс монтаж проект капитал холдинг групп альянс инжиниринг системы " +
  "технологии продукт импорт экспорт опт маркет строймаш электро терм гидро авто сталь бетон кабель " +
  "текстиль мебель полимер пласт стекло бумага принт дизайн консалт аудит финанс лизинг страх " +
  "девелопмент недвижимость ремонт клининг охрана питание фуд молоко мясо хлеб вода напитки табак " +
  "спорт туризм отель медицина дент оптика книга учёба наука лаб тест метрика навигация"
)
  .split(" ")
  .slice(0, 100);

/** 10,000 distinct one-word company names ("Гранитстрой"), so searching for one finds about 1/10,000 of documents. */
export const companyName = (i: number) => `${PREFIXES[i % 100]}${SUFFIXES[Math.floor(i / 100) % 100]}`;

// Pseudo-Russian words for file text: enough variety for a realistic index, with Zipf-like frequencies.
const SYLLABLES = "ка ло ре ми ста но ви ра те ко ну па ри до са ли ме то ва бе за го ду ки ро пе ту мо сы".split(" ");
export const VOCABULARY = Array.from({ length: 2000 }, (_, i) => {
  const a = SYLLABLES[i % 32]!;
  const b = SYLLABLES[Math.floor(i / 32) % 32]!;
  const c = i >= 1024 ? SYLLABLES[(i * 7) % 32]! : "";
  return `${a}${b}${c}ние`;
});
export const SUBJECTS = (
  "оборудования мебели канцтоваров услуг связи бумаги топлива запчастей программного обеспечения " +
  "строительных материалов продуктов питания спецодежды медикаментов электроэнергии транспортных услуг " +
  "охранных услуг рекламных услуг оргтехники инструмента металлопроката удобрений"
).split(" ");

/** A deterministic PRNG (mulberry32), so every run generates and queries the same registry. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word rank with frequency ∝ 1/rank (Zipf), over the vocabulary. */
export function zipfRank(rnd: () => number, n = VOCABULARY.length): number {
  return Math.min(n - 1, Math.floor(Math.exp(rnd() * Math.log(n + 1))) - 1);
}

export interface Registry {
  typeIds: string[];
  companyIds: string[];
  /** Numbers of a few documents, for exact-number searches. */
  sampleNumbers: string[];
  adminId: string;
}

type NumberedColumns = "id" | "typeId" | "number" | "period" | "seq" | "title" | "statusCode" | "folderId";
type FileColumns = "driveFileId" | "fileName" | "fileSize" | "sha256" | "createdAt";

/** A generated document: columns of its row, typed as the table is, and what its other rows need. */
interface Doc extends Pick<DocumentsTable, NumberedColumns | FileColumns> {
  companyId: string;
  driveName: string;
  versionId: string;
  auditId: string;
  auditDetails: string;
  head: string;
  body: string;
  headTerms: string;
  bodyTerms: string;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

let idCounter = 0;
/**
 * A UUIDv7 like `newId(ms)` (same layout, increasing with time), without a crypto call per id: generation makes
 * millions of them, and the random bits carry no meaning here.
 */
function bulkId(ms: number): string {
  const n = idCounter++;
  const t = hex(ms, 12);
  const tail = hex(n, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex((n >>> 12) & 0xfff, 3)}-8${hex(n & 0xfff, 3)}-${tail}`;
}

/**
 * Writes `total` documents over 10 types and 10,000 companies, created over the two years before `end`
 * (so numbers reset once, as a yearly numbering does), newest last. Returns what the queries need.
 */
export async function generateRegistry(
  runtime: Runtime,
  total: number,
  onProgress?: (done: number) => void,
): Promise<Registry> {
  const { db } = runtime.ctx;
  const admin = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
  const start = Date.UTC(2025, 0, 1);
  const end = Date.UTC(2026, 11, 31);
  const at0 = new Date(start - 86_400_000).toISOString();

  const companyIds = Array.from({ length: 10_000 }, (_, i) => newId(start - 86_400_000 + i));
  for (let i = 0; i < companyIds.length; i += 1000) {
    await db
      .insertInto("companies")
      .values(
        companyIds.slice(i, i + 1000).map((id, j) => ({
          id,
          name: `ООО «${companyName(i + j)}»`,
          inn: null,
          kpp: null,
          address: null,
          phone: null,
          email: null,
          searchText: `ооо «${companyName(i + j).toLowerCase()}»`,
          createdAt: at0,
          updatedAt: at0,
        })),
      )
      .execute();
  }
  const types = TYPE_NAMES.map(([code, folder, , prefix]) => ({
    id: newId(start - 86_400_000),
    code: `bench-${code}`,
    name: folder,
    folderTemplate: `${folder}/{yyyy}`,
    numberingTemplate: `${prefix}-{yyyy}-{n:6}`,
    numberingReset: "year" as const,
    statuses: JSON.stringify(STATUSES.map(({ weight: _, ...s }) => s)),
    fields: "[]",
    access: "all" as const,
    createdAt: at0,
    updatedAt: at0,
  }));
  await db.insertInto("documentTypes").values(types).execute();
  const folders = new Map<string, string>();
  for (const type of types) {
    for (const year of ["2025", "2026"]) {
      const { folder } = await ensureFolderPath(db, `/${type.name}/${year}`, admin.id, at0);
      folders.set(`${type.id}/${year}`, folder.id);
    }
  }

  // Every word comes from a fixed list, so each list is stemmed once (searchTerms is what registration indexes).
  const stemmed = (text: string) => searchTerms(text).join(" ");
  const typeTerms = TYPE_NAMES.map((t) => stemmed(t[2]));
  const subjectTerms = SUBJECTS.map(stemmed);
  const vocabularyTerms = VOCABULARY.map(stemmed);
  const rnd = random(7);
  const counters = new Map<string, number>();
  const sampleNumbers: string[] = [];
  const makeDoc = (i: number): Doc => {
    const ms = start + Math.floor(((end - start) * i) / total);
    const createdAt = new Date(ms).toISOString();
    const year = createdAt.slice(0, 4);
    const t = Math.floor(rnd() * 10);
    const type = types[t]!;
    const counterKey = `${type.id}/${year}`;
    const seq = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, seq);
    const prefix = TYPE_NAMES[t]![3];
    const number = `${prefix}-${year}-${String(seq).padStart(6, "0")}`;
    if (i % Math.max(1, Math.floor(total / 200)) === 0) sampleNumbers.push(number);
    const company = Math.floor(rnd() * companyIds.length);
    const s = Math.floor(rnd() * SUBJECTS.length);
    const title = `${TYPE_NAMES[t]![2]} ${SUBJECTS[s]} ${companyName(company)}`;
    let r = rnd();
    const status = STATUSES.find((st) => (r -= st.weight) < 0) ?? STATUSES[2];
    const ranks = Array.from({ length: 30 }, () => zipfRank(rnd));
    const body = `${title}. ${ranks.map((k) => VOCABULARY[k]).join(" ")}`;
    const fileName = `${TYPE_NAMES[t]![0]}-${seq}.pdf`;
    const id = bulkId(ms);
    const folderId = folders.get(counterKey)!;
    const headTerms = `${prefix.toLowerCase()} ${year} ${number.slice(-6)} ${typeTerms[t]} ${subjectTerms[s]} ${companyTerms(company)}`;
    return {
      id,
      typeId: type.id,
      number,
      period: year,
      seq,
      title,
      companyId: companyIds[company]!,
      statusCode: status.code,
      folderId,
      driveFileId: bulkId(ms),
      // driveFileName(number, title, fileName): these names have nothing to sanitise (checked below).
      driveName: `${number} ${title}.pdf`,
      fileName,
      fileSize: 50_000 + Math.floor(rnd() * 200_000),
      sha256: `${hex(i, 16)}${hex(Math.floor(rnd() * 2 ** 32), 8)}`.padEnd(64, "0"),
      createdAt,
      versionId: bulkId(ms),
      auditId: bulkId(ms),
      auditDetails: JSON.stringify({
        number,
        title,
        status: status.code,
        folder: `/${type.name}/${year}`,
        file: fileName,
        itemIds: [],
      }),
      head: `${number} ${title}`,
      body,
      headTerms,
      bodyTerms: `${headTerms} ${ranks.map((k) => vocabularyTerms[k]).join(" ")}`,
    };
  };
  const companyStems = new Map<number, string>();
  function companyTerms(company: number): string {
    let terms = companyStems.get(company);
    if (terms === undefined) companyStems.set(company, (terms = stemmed(companyName(company))));
    return terms;
  }
  const probe = makeDoc(0);
  if (probe.driveName !== driveFileName(probe.number, probe.title, probe.fileName))
    throw new Error(`generated drive name differs from registration's: ${probe.driveName}`);
  if (probe.headTerms !== stemmed(probe.head)) throw new Error(`generated terms differ: ${probe.headTerms}`);
  counters.clear();
  sampleNumbers.length = 0;

  const batch = 10_000;
  const write = runtime.ctx.dialect.name === "postgres" ? postgresWriter(runtime) : sqliteWriter(runtime);
  let making = 0;
  let writing = 0;
  for (let i = 0; i < total; i += batch) {
    const t0 = performance.now();
    const docs = Array.from({ length: Math.min(batch, total - i) }, (_, j) => makeDoc(i + j));
    const t1 = performance.now();
    await write(docs, admin.id);
    making += t1 - t0;
    writing += performance.now() - t1;
    onProgress?.(i + docs.length);
  }
  console.log(
    `  generation: ${(making / 1000).toFixed(1)} s making rows, ${(writing / 1000).toFixed(1)} s writing them`,
  );
  await db
    .insertInto("documentCounters")
    .values([...counters].map(([key, value]) => ({ typeId: key.split("/")[0]!, period: key.split("/")[1]!, value })))
    .execute();
  await write.finish();
  return { typeIds: types.map((t) => t.id), companyIds, sampleNumbers, adminId: admin.id };
}

type Writer = ((docs: Doc[], adminId: string) => Promise<void>) & { finish(): Promise<void> };

function sqliteWriter(runtime: Runtime): Writer {
  const sqlite = runtime.handle.sqlite!;
  // The generator's data is consistent by construction; checking each foreign key would only slow the load.
  sqlite.pragma("foreign_keys = OFF");
  const document = sqlite.prepare(`insert into documents (id, type_id, number, period, seq, title, company_id,
    responsible_id, status_code, folder_id, drive_file_id, file_name, file_size, mime_type, sha256, version, fields,
    created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, 'application/pdf', ?, 1, '{}',
    ?, ?, ?)`);
  const version = sqlite.prepare(`insert into document_versions (id, document_id, version, file_name, file_size,
    mime_type, sha256, created_by, created_at) values (?, ?, 1, ?, ?, 'application/pdf', ?, ?, ?)`);
  const driveFile = sqlite.prepare(`insert into drive_files (id, folder_id, name, size, document_id, created_at,
    updated_at) values (?, ?, ?, ?, ?, ?, ?)`);
  const indexKey = sqlite.prepare(`insert into document_search_keys (key, document_id) values (?, ?)`);
  const search = sqlite.prepare(`insert into document_search (rowid, body) values (?, ?)`);
  const text = sqlite.prepare(`insert into document_texts (document_id, version, state, text, updated_at)
    values (?, 1, 'done', ?, ?)`);
  const audit = sqlite.prepare(`insert into audit_log (id, at, actor_id, entity_type, entity_id, action, details)
    values (?, ?, ?, 'document', ?, 'document.registered', ?)`);
  const insertAll = sqlite.transaction((docs: Doc[], adminId: string) => {
    for (const d of docs) {
      document.run(
        d.id,
        d.typeId,
        d.number,
        d.period,
        d.seq,
        d.title,
        d.companyId,
        d.statusCode,
        d.folderId,
        d.driveFileId,
        d.fileName,
        d.fileSize,
        d.sha256,
        adminId,
        d.createdAt,
        d.createdAt,
      );
      version.run(d.versionId, d.id, d.fileName, d.fileSize, d.sha256, adminId, d.createdAt);
      driveFile.run(d.driveFileId, d.folderId, d.driveName, d.fileSize, d.id, d.createdAt, d.createdAt);
      const key = searchKey(d.id);
      indexKey.run(key, d.id);
      search.run(key, d.bodyTerms);
      text.run(d.id, d.body, d.createdAt);
      audit.run(d.auditId, d.createdAt, adminId, d.id, d.auditDetails);
    }
  });
  const write = async (docs: Doc[], adminId: string) => insertAll(docs, adminId);
  return Object.assign(write, {
    async finish() {
      sqlite.pragma("foreign_keys = ON");
      sqlite.exec("insert into document_search (document_search) values ('optimize')");
      sqlite.exec("analyze");
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    },
  });
}

/** The tables a generated document writes to. */
const LOADED_TABLES = [
  "documents",
  "document_versions",
  "drive_files",
  "document_search",
  "document_texts",
  "audit_log",
];

/**
 * The loaded tables' indexes that back no constraint, dropped for the load and built after it, as a bulk load into
 * PostgreSQL is done: maintaining them row by row (the GIN over the search vectors above all) made a 1,000,000-document
 * load take about two hours, and one build at the end sorts once. The definitions are read from the catalog, so
 * they are the migrations' own.
 */
async function dropSecondaryIndexes(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)`,
    [LOADED_TABLES],
  );
  for (const { name } of rows) await pool.query(`drop index ${name}`);
  return rows.map((r) => r.definition);
}

function postgresWriter(runtime: Runtime): Writer {
  const pool: pg.Pool = runtime.handle.pgPool!;
  const column = <K extends keyof Doc>(docs: Doc[], key: K) => docs.map((d) => d[key]);
  const dropped = dropSecondaryIndexes(pool);
  const write = async (docs: Doc[], adminId: string) => {
    await dropped;
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(
        `insert into documents (id, type_id, number, period, seq, title, company_id, responsible_id, status_code,
          folder_id, drive_file_id, file_name, file_size, mime_type, sha256, version, fields, created_by, created_at,
          updated_at)
        select id, type_id, number, period, seq, title, company_id, null, status_code, folder_id, drive_file_id,
          file_name, file_size, 'application/pdf', sha256, 1, '{}', $12, created_at, created_at
        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
          $9::text[], $10::text[], $11::text[], $13::bigint[], $14::text[], $15::text[])
          as t(id, type_id, number, period, seq, title, company_id, status_code, folder_id, drive_file_id, file_name,
            file_size, sha256, created_at)`,
        [
          column(docs, "id"),
          column(docs, "typeId"),
          column(docs, "number"),
          column(docs, "period"),
          column(docs, "seq"),
          column(docs, "title"),
          column(docs, "companyId"),
          column(docs, "statusCode"),
          column(docs, "folderId"),
          column(docs, "driveFileId"),
          column(docs, "fileName"),
          adminId,
          column(docs, "fileSize"),
          column(docs, "sha256"),
          column(docs, "createdAt"),
        ],
      );
      await client.query(
        `insert into document_versions (id, document_id, version, file_name, file_size, mime_type, sha256, created_by,
          created_at)
        select id, document_id, 1, file_name, file_size, 'application/pdf', sha256, $6, created_at
        from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $7::text[])
          as t(id, document_id, file_name, file_size, sha256, created_at)`,
        [
          column(docs, "versionId"),
          column(docs, "id"),
          column(docs, "fileName"),
          column(docs, "fileSize"),
          column(docs, "sha256"),
          adminId,
          column(docs, "createdAt"),
        ],
      );
      await client.query(
        `insert into drive_files (id, folder_id, name, size, document_id, created_at, updated_at)
        select id, folder_id, name, size, document_id, created_at, created_at
        from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
          as t(id, folder_id, name, size, document_id, created_at)`,
        [
          column(docs, "driveFileId"),
          column(docs, "folderId"),
          column(docs, "driveName"),
          column(docs, "fileSize"),
          column(docs, "id"),
          column(docs, "createdAt"),
        ],
      );
      // The same expression as text-search.ts indexes: the head weighted A, the file's text after it.
      await client.query(
        `insert into document_search (document_id, tsv)
        select id, setweight(to_tsvector('russian', head), 'A') || to_tsvector('russian', body)
        from unnest($1::text[], $2::text[], $3::text[]) as t(id, head, body)`,
        [column(docs, "id"), column(docs, "head"), column(docs, "body")],
      );
      await client.query(
        `insert into document_texts (document_id, version, state, text, updated_at)
        select id, 1, 'done', body, created_at from unnest($1::text[], $2::text[], $3::text[]) as t(id, body, created_at)`,
        [column(docs, "id"), column(docs, "body"), column(docs, "createdAt")],
      );
      await client.query(
        `insert into audit_log (id, at, actor_id, entity_type, entity_id, action, details)
        select id, at, $4, 'document', entity_id, 'document.registered', details
        from unnest($1::text[], $2::text[], $3::text[], $5::text[]) as t(id, at, entity_id, details)`,
        [column(docs, "auditId"), column(docs, "createdAt"), column(docs, "id"), adminId, column(docs, "auditDetails")],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    } finally {
      client.release();
    }
  };
  return Object.assign(write, {
    async finish() {
      const client = await pool.connect();
      try {
        await client.query("set maintenance_work_mem = '256MB'");
        for (const definition of await dropped) await client.query(definition);
      } finally {
        client.release();
      }
      await pool.query("vacuum analyze");
    },
  });
}
