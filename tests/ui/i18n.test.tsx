import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { detectLanguage, translate, useLanguage } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { it as italian } from '../../src/i18n/it';
import { renderMap } from './renderMap';

afterEach(() => act(() => useLanguage.getState().setLanguage('en')));

describe('i18n', () => {
  it('defaults to the browser language and remembers an explicit choice', () => {
    expect(detectLanguage(null, ['it-IT', 'en'])).toBe('it');
    expect(detectLanguage(null, ['de-DE'])).toBe('en');
    expect(detectLanguage('en', ['it-IT'])).toBe('en');
    act(() => useLanguage.getState().setLanguage('it'));
    expect(localStorage.getItem('percorso.language')).toBe('it');
  });

  it('has an Italian string for every English one, with the same placeholders', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(italian[key], key).toBeTruthy();
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(placeholders(italian[key]), key).toEqual(placeholders(en[key]));
    }
    expect(translate('it', 'new.stage', { n: 3 })).toBe('Fase 3');
  });

  it('switches the canvas to Italian', () => {
    renderMap();
    act(() => useLanguage.getState().setLanguage('it'));
    const toolbar = within(screen.getByRole('toolbar', { name: 'Strumenti della mappa' }));
    expect(toolbar.getByRole('button', { name: 'Fase' })).toBeInTheDocument();
    expect(screen.getByText('Aggiungi la prima fase')).toBeInTheDocument();
  });
});
