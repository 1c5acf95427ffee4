import { ColorInput, createTheme, DEFAULT_THEME, Menu, Modal, type CSSVariablesResolver } from "@mantine/core";
import { blend, MIN_CONTRAST, shadeForContrast } from "@docket/common/contrast";

/**
 * The palette, WCAG 2.1 AA: every text colour reaches 4.5:1 on the backgrounds it is shown on. Filled buttons and
 * badges use shade 8 with black or white text picked by luminance (Mantine's autoContrast at the WCAG crossover
 * 0.179); tinted texts (light and subtle buttons, alerts, outline badges) are darkened within their hue where shade 8
 * is too light; grey secondary text and placeholders are darker than Mantine's default.
 */
const PRIMARY_SHADE = 8;
// The lightest surfaces text sits on: white cards, the grey page, the hovered tinted (light) background.
const PAGE = "#f8f9fa";
const LIGHT_ALPHA = 0.12;
// Secondary ("dimmed") text and placeholders: 5.2:1 on the palest tinted surfaces (indigo-0, gray-1), 5.8:1 on white.
export const DIMMED = "#5f666d";

/** The theme, with the names of the icon-only buttons Mantine draws itself (dialog close, colour picker) in the
 * interface's language. */
export function docketTheme(labels: { close: string; pickColour: string }) {
  return createTheme({
    primaryColor: "indigo",
    primaryShade: { light: PRIMARY_SHADE, dark: PRIMARY_SHADE },
    autoContrast: true,
    // Black text above it, white below: between red-8 (0.183: white 4.51:1) and cyan-8 (0.192: black 4.83:1), so
    // every filled shade-8 colour gets text of at least 4.5:1 (at WCAG's crossover 0.179 red buttons got black text).
    luminanceThreshold: 0.185,
    defaultRadius: "md",
    respectReducedMotion: true,
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": labels.close } } }),
      // A dialog's <header> is not the page's banner landmark.
      ModalHeader: { defaultProps: { role: "presentation" } },
      // A field's error is tied to it by Mantine (aria-describedby, aria-invalid); role "alert" has it read out as it
      // appears (a polite live region inserted together with its text is not announced by every screen reader).
      InputWrapper: { defaultProps: { errorProps: { role: "alert" } } },
      // Mantine's focus placeholder is a bare <div tabindex> inside role="menu", which allows only menu items; without
      // it, opening a menu focuses its first item (the ARIA menu pattern).
      Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
      ColorInput: ColorInput.extend({ defaultProps: { eyeDropperButtonProps: { "aria-label": labels.pickColour } } }),
    },
  });
}

/** For every palette colour: the text shade readable on its own light tint and on the page. */
function tintedTextVariables(): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    const base = shades[PRIMARY_SHADE];
    const tint = blend(base, LIGHT_ALPHA, PAGE);
    const text = shadeForContrast(base, tint, MIN_CONTRAST + 0.1);
    variables[`--mantine-color-${name}-light-color`] = text;
    variables[`--mantine-color-${name}-outline`] = text;
    variables[`--mantine-color-${name}-text`] = text;
  }
  return variables;
}

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const tinted = tintedTextVariables();
  return {
    variables: {},
    light: {
      "--mantine-color-dimmed": DIMMED,
      "--mantine-color-placeholder": DIMMED,
      // A field's error text and the text typed into an invalid field (Mantine's red-6 is 3.3:1 on white).
      "--mantine-color-error": tinted["--mantine-color-red-text"]!,
      ...tinted,
    },
    dark: {},
  };
};
