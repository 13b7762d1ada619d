import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { themeFor } from './theme.js';

describe('themeFor', () => {
  it("follows the Microsoft 365 host's theme names", () => {
    expect(themeFor('default')).toBe(teamsLightTheme);
    expect(themeFor('dark')).toBe(teamsDarkTheme);
    expect(themeFor('contrast')).toBe(teamsHighContrastTheme);
  });

  it('uses the web theme in a plain browser and the Teams light theme for names it does not know', () => {
    expect(themeFor(null)).toBe(webLightTheme);
    expect(themeFor('sepia')).toBe(teamsLightTheme);
  });
});
