import type { Comment } from "@docket/common";
import { Button, Combobox, Group, Paper, Stack, Text, Textarea, useCombobox } from "@mantine/core";
import { Fragment, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useAddComment, useComments, type CommentTarget } from "../api/comments";
import { useUsers } from "../api/users";
import { formatDateTime } from "../lib/format";
import { ErrorAlert } from "./ErrorAlert";

const MAX_SUGGESTIONS = 8;

/** The "@word" being typed just before the caret, if any: what the mention autocomplete filters by. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Comments of an item or a document, with a box to write one; "@" suggests active users to mention. */
export function Comments({ target }: { target: CommentTarget }) {
  const { t, i18n } = useTranslation();
  const list = useComments(target);
  const add = useAddComment(target);
  const users = useUsers();
  const [text, setText] = useState("");
  const [mentions, setMentions] = useState<{ id: string; name: string }[]>([]);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));

  const suggestions = query
    ? (users.data?.items ?? [])
        .filter((u) => u.active && u.name.toLocaleLowerCase().includes(query.query.toLocaleLowerCase()))
        .slice(0, MAX_SUGGESTIONS)
    : [];

  const onChange = (value: string, caret: number) => {
    setText(value);
    const found = mentionQuery(value, caret);
    setQuery(found);
    if (found) {
      combobox.openDropdown();
      combobox.selectFirstOption();
    } else combobox.closeDropdown();
  };

  const pick = (id: string) => {
    const name = names.get(id);
    if (!name || !query) return;
    const caret = query.start + 1 + query.query.length;
    const next = `${text.slice(0, query.start)}@${name} ${text.slice(caret)}`;
    setText(next);
    setMentions((current) => (current.some((m) => m.id === id) ? current : [...current, { id, name }]));
    setQuery(null);
    combobox.closeDropdown();
    const position = query.start + name.length + 2;
    requestAnimationFrame(() => textarea.current?.setSelectionRange(position, position));
  };

  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    // A mention whose "@Name" was deleted from the text is no longer a mention.
    const mentionIds = mentions.filter((m) => trimmed.includes(`@${m.name}`)).map((m) => m.id);
    add.mutate(
      { text: trimmed, mentionIds },
      {
        onSuccess: () => {
          setText("");
          setMentions([]);
        },
      },
    );
  };

  const comments = list.data?.items ?? [];
  return (
    <Stack gap="sm" data-testid="comments">
      <ErrorAlert error={list.error} />
      {comments.length === 0 && !list.isPending && (
        <Text size="sm" c="dimmed">
          {t("comments.empty")}
        </Text>
      )}
      {comments.map((comment) => (
        <Paper key={comment.id} withBorder p="xs" data-testid="comment">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {comment.author.name}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(comment.at, i18n.language)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <CommentText comment={comment} names={names} />
          </Text>
        </Paper>
      ))}
      <Combobox store={combobox} onOptionSubmit={pick} withinPortal>
        <Combobox.Target>
          <Textarea
            ref={textarea}
            label={t("comments.new")}
            description={t("comments.hint")}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={5000}
            value={text}
            onChange={(event) => onChange(event.currentTarget.value, event.currentTarget.selectionStart)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit();
            }}
            onBlur={() => combobox.closeDropdown()}
            data-testid="comment-text"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={suggestions.length === 0}>
          <Combobox.Options aria-label={t("comments.mention")}>
            {suggestions.map((u) => (
              <Combobox.Option value={u.id} key={u.id}>
                {u.name}
              </Combobox.Option>
            ))}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      <ErrorAlert error={add.error} />
      <Group justify="flex-end">
        <Button size="xs" onClick={submit} loading={add.isPending} disabled={!text.trim()} data-testid="comment-send">
          {t("comments.send")}
        </Button>
      </Group>
    </Stack>
  );
}

/** The text with each mention ("@Name" of a mentioned person) shown as that person's name, highlighted. */
function CommentText({ comment, names }: { comment: Comment; names: Map<string, string> }) {
  const mentioned = comment.mentionIds.map((id) => names.get(id)).filter((n): n is string => !!n);
  if (mentioned.length === 0) return <>{comment.text}</>;
  const escaped = mentioned.map((n) => `@${n}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = comment.text.split(new RegExp(`(${escaped.join("|")})`, "u"));
  const out: ReactNode[] = parts.map((part, i) =>
    i % 2 === 1 ? (
      <Text key={i} span fw={600} c="indigo.8" data-testid="mention">
        {part}
      </Text>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
  return <>{out}</>;
}
