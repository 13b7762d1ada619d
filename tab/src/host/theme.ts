import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';

/** The Fluent theme for a host theme name; null (a plain browser) gets the web theme. */
export function themeFor(hostTheme: string | null): Theme {
  switch (hostTheme) {
    case null:
      return webLightTheme;
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}
