import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import * as core from "./0001_core.js";
import * as documents from "./0002_documents.js";
import * as processes from "./0003_processes.js";
import * as claimAndListIndexes from "./0005_claim_and_list_indexes.js";
import * as jobFailures from "./0011_job_failures.js";
import * as renditions from "./0013_renditions.js";
import * as documentState from "./0014_document_state.js";
import * as webdav from "./0014_webdav.js";
import * as auditViewerIndexes from "./0015_audit_viewer_indexes.js";
import * as peopleAndTime from "./0016_people_and_time.js";
import * as installationSecrets from "./0017_installation_secrets.js";
import * as approvalRounds from "./0018_approval_rounds.js";
import * as documentReservations from "./0019_document_reservations.js";
import * as templatesAndIntake from "./0020_templates_and_intake.js";
import * as templateArchive from "./0021_template_archive.js";
import * as comments from "./0024_comments.js";
import * as searchKeysInIdOrder from "./0025_search_keys_in_id_order.js";
import * as listIndexesCoverState from "./0026_list_indexes_cover_state.js";

export interface DialectMigration {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
  down?(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Ordered by name; add new ones with the next number. Never edit one that has shipped. */
export const migrations: Record<string, DialectMigration> = {
  "0001_core": core,
  "0002_documents": documents,
  "0003_processes": processes,
  "0005_claim_and_list_indexes": claimAndListIndexes,
  "0011_job_failures": jobFailures,
  "0013_renditions": renditions,
  "0014_document_state": documentState,
  "0014_webdav": webdav,
  "0015_audit_viewer_indexes": auditViewerIndexes,
  "0016_people_and_time": peopleAndTime,
  "0017_installation_secrets": installationSecrets,
  "0018_approval_rounds": approvalRounds,
  "0019_document_reservations": documentReservations,
  "0020_templates_and_intake": templatesAndIntake,
  "0021_template_archive": templateArchive,
  "0024_comments": comments,
  "0025_search_keys_in_id_order": searchKeysInIdOrder,
  "0026_list_indexes_cover_state": listIndexesCoverState,
};
