import { Anchor, Breadcrumbs, Button, Center, Group, Paper, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { useCreateFolder, useDrive } from "../../api/drive";
import { documentFileUrl } from "../../api/documents";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FileIcon, FolderIcon } from "../../components/icons";
import { useFileSize } from "../../lib/useFileSize";
import { FirstTextInput, FormModal } from "../../components/FormModal";
import { PageHeader } from "../../components/PageHeader";

function normalize(path: string): string {
  const parts = path.split("/").filter(Boolean);
  return `/${parts.join("/")}`;
}

export default function DrivePage() {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const [params, setParams] = useSearchParams();
  const path = normalize(params.get("path") ?? "/");
  const drive = useDrive(path);
  const [creating, setCreating] = useState(false);
  const go = (next: string) => setParams({ path: normalize(next) });
  const parts = path.split("/").filter(Boolean);
  const crumbs = [
    { label: t("drive.root"), path: "/" },
    ...parts.map((part, i) => ({ label: part, path: `/${parts.slice(0, i + 1).join("/")}` })),
  ];
  const folders = drive.data?.pages[0]?.folders ?? [];
  const files = drive.data?.pages.flatMap((page) => page.files) ?? [];

  return (
    <Stack>
      <PageHeader title={t("drive.title")}>
        <Button variant="default" onClick={() => setCreating(true)}>
          {t("drive.newFolder")}
        </Button>
      </PageHeader>
      <nav aria-label={t("drive.breadcrumbs")}>
        <Breadcrumbs>
          {crumbs.map((crumb, i) =>
            i === crumbs.length - 1 ? (
              <Text key={crumb.path} fw={600}>
                {crumb.label}
              </Text>
            ) : (
              <Anchor key={crumb.path} component="button" type="button" onClick={() => go(crumb.path)}>
                {crumb.label}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      </nav>
      <ErrorAlert error={drive.error} />
      <Paper withBorder>
        <Table verticalSpacing="sm" highlightOnHover data-testid="drive-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("fields.name")}</Table.Th>
              <Table.Th w={120}>{t("drive.size")}</Table.Th>
              <Table.Th w={140}>
                <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {folders.map((folder) => (
              <Table.Tr key={folder.id}>
                <Table.Td colSpan={3}>
                  <Anchor component="button" type="button" onClick={() => go(folder.path)}>
                    <Group gap={8} wrap="nowrap">
                      <FolderIcon />
                      {folder.name}
                    </Group>
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
            {files.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <FileIcon />
                    {file.documentId ? (
                      <Anchor component={Link} to={`/documents/${file.documentId}`}>
                        {file.name}
                      </Anchor>
                    ) : (
                      file.name
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{fileSize(file.size)}</Table.Td>
                <Table.Td>
                  {file.documentId && (
                    <Anchor href={documentFileUrl(file.documentId)} download size="sm">
                      {t("documents.download")}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {folders.length === 0 && files.length === 0 && !drive.isPending && (
          <Text c="dimmed" ta="center" p="lg">
            {t("drive.empty")}
          </Text>
        )}
      </Paper>
      {drive.hasNextPage && (
        <Center>
          <Button variant="default" loading={drive.isFetchingNextPage} onClick={() => void drive.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Center>
      )}
      {creating && <NewFolderModal parent={path} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewFolderModal({ parent, onClose }: { parent: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateFolder();
  const [name, setName] = useState("");
  return (
    <FormModal
      onClose={onClose}
      title={t("drive.newFolder")}
      onSubmit={() => create.mutate(normalize(`${parent}/${name}`), { onSuccess: onClose })}
      error={create.error}
      saving={create.isPending}
      submitLabel={t("common.create")}
    >
      <FirstTextInput label={t("fields.name")} value={name} onValueChange={setName} />
    </FormModal>
  );
}
