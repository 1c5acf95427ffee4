import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { formatSize } from "./format";

/** Formats file sizes in the current language ("1,5 КБ", "1.5 KB"). */
export function useFileSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (bytes: number) =>
      formatSize(bytes, i18n.language, {
        B: t("common.sizeUnits.B"),
        KB: t("common.sizeUnits.KB"),
        MB: t("common.sizeUnits.MB"),
        GB: t("common.sizeUnits.GB"),
      }),
    [t, i18n.language],
  );
}
