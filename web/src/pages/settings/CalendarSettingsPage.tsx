import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCalendarYear, useSaveCalendarYear } from "../../api/people";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageHeader } from "../../components/PageHeader";

type Kind = "working" | "off" | "short";
interface Draft {
  holidays: Set<string>;
  workingWeekends: Set<string>;
  shortDays: Set<string>;
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

function kindOf(draft: Draft, date: string): Kind {
  if (draft.holidays.has(date)) return "off";
  if (draft.shortDays.has(date)) return "short";
  if (draft.workingWeekends.has(date)) return "working";
  return isWeekend(date) ? "off" : "working";
}

/** A click moves a day on: working → day off → short day → working (a weekend: day off → working → short). */
function toggled(draft: Draft, date: string): Draft {
  const next = {
    holidays: new Set(draft.holidays),
    workingWeekends: new Set(draft.workingWeekends),
    shortDays: new Set(draft.shortDays),
  };
  const kind = kindOf(draft, date);
  next.holidays.delete(date);
  next.workingWeekends.delete(date);
  next.shortDays.delete(date);
  if (isWeekend(date)) {
    if (kind === "off") next.workingWeekends.add(date);
    else if (kind === "working") next.shortDays.add(date);
  } else if (kind === "working") next.holidays.add(date);
  else if (kind === "off") next.shortDays.add(date);
  return next;
}

const COLORS: Record<Kind, string> = {
  working: "transparent",
  off: "var(--mantine-color-red-1)",
  short: "var(--mantine-color-yellow-2)",
};

export default function CalendarSettingsPage() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const calendar = useCalendarYear(year);
  const save = useSaveCalendarYear(year);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (calendar.data)
      setDraft({
        holidays: new Set(calendar.data.holidays),
        workingWeekends: new Set(calendar.data.workingWeekends),
        shortDays: new Set(calendar.data.shortDays),
      });
  }, [calendar.data]);
  // 1 January 2024 was a Monday: the week's day names in the user's language, Monday first as the grid is.
  const weekdayFormat = new Intl.DateTimeFormat(i18n.language, { weekday: "short", timeZone: "UTC" });
  const weekdays = Array.from({ length: 7 }, (_, day) => weekdayFormat.format(new Date(Date.UTC(2024, 0, 1 + day))));
  const monthName = (month: number) =>
    new Intl.DateTimeFormat(i18n.language, { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(year, month, 1)),
    );

  return (
    <Stack>
      <PageHeader title={t("calendar.title")}>
        <Group>
          <NumberInput
            aria-label={t("calendar.year")}
            value={year}
            min={2000}
            max={2100}
            w={110}
            onChange={(value) => typeof value === "number" && setYear(value)}
          />
          <Button
            loading={save.isPending}
            disabled={!draft}
            onClick={() =>
              draft &&
              save.mutate({
                holidays: [...draft.holidays],
                workingWeekends: [...draft.workingWeekends],
                shortDays: [...draft.shortDays],
              })
            }
          >
            {t("common.save")}
          </Button>
        </Group>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t("calendar.hint")}
      </Text>
      <Group gap="xs">
        <Badge color="red" variant="light">
          {t("calendar.off")}
        </Badge>
        <Badge color="yellow" variant="light">
          {t("calendar.short")}
        </Badge>
        {calendar.data?.edited && <Badge variant="outline">{t("calendar.edited")}</Badge>}
      </Group>
      {save.isSuccess && <Alert color="green">{t("common.saved")}</Alert>}
      <ErrorAlert error={calendar.error ?? save.error} />
      {draft && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {Array.from({ length: 12 }, (_, month) => {
            const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
            const offset = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7; // Monday first
            return (
              <Paper key={month} withBorder p="xs">
                <Text fw={600} tt="capitalize" mb={4}>
                  {monthName(month)}
                </Text>
                <div style={{ display: "grid", gridTemplateColumns: "repeat(7, 1fr)", gap: 2 }}>
                  {/* Each day's button names its date; the column heads are for the eye. */}
                  {weekdays.map((weekday) => (
                    <Text key={weekday} size="xs" c="dimmed" ta="center" aria-hidden>
                      {weekday}
                    </Text>
                  ))}
                  {Array.from({ length: offset }, (_, i) => (
                    <span key={`e${i}`} />
                  ))}
                  {Array.from({ length: days }, (_, i) => {
                    const date = iso(year, month, i + 1);
                    const kind = kindOf(draft, date);
                    return (
                      <UnstyledButton
                        key={date}
                        data-date={date}
                        data-kind={kind}
                        aria-label={`${date}: ${t(`calendar.${kind}`)}`}
                        onClick={() => setDraft(toggled(draft, date))}
                        style={{ textAlign: "center", borderRadius: 4, padding: "2px 0", background: COLORS[kind] }}
                      >
                        <Text size="sm" fw={kind === "off" ? 700 : 400} c={kind === "off" ? "red.9" : undefined}>
                          {i + 1}
                        </Text>
                      </UnstyledButton>
                    );
                  })}
                </div>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
