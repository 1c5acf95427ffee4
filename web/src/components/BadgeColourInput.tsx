import { badgeColors, parseHex } from "@docket/common/contrast";
import { ColorInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

const STATUS_SWATCHES = ["#868e96", "#228be6", "#fab005", "#fd7e14", "#40c057", "#fa5252", "#7950f2", "#15aabf"];

/** The colour of the n-th new row of a list: the swatches in turn. */
export const nthSwatch = (n: number): string => STATUS_SWATCHES[n % STATUS_SWATCHES.length] ?? "#868e96";

/**
 * The colour of a status or stage badge. Warns, tied to the field, when no text colour is readable on the chosen
 * shade: the badge then shows the nearest readable shade of the same hue, named in the warning.
 */
export function BadgeColourInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  // The picker's open state is ours, so Esc closes only the picker: the attribute tells the surrounding dialog (Mantine
  // checks it on Escape) to leave this key alone while the picker is open.
  const [open, setOpen] = useState(false);
  const colours = parseHex(value) ? badgeColors(value) : null;
  const warning =
    colours && !colours.readable
      ? t("settings.colourUnreadable")
      : colours?.adjusted
        ? t("settings.colourAdjusted", { colour: colours.background })
        : undefined;
  return (
    <ColorInput
      aria-label={label}
      format="hex"
      swatches={STATUS_SWATCHES}
      value={value}
      onChange={onChange}
      popoverProps={{ opened: open }}
      onFocus={() => setOpen(true)}
      onClick={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) setOpen(false);
      }}
      data-mantine-stop-propagation={open || undefined}
      description={warning}
      inputWrapperOrder={["input", "description"]}
      descriptionProps={{ c: "var(--mantine-color-orange-text)", "data-testid": "colour-warning" }}
      w={170}
    />
  );
}
