// One place that binds htm to Preact, so every module writes html`<div>…</div>` with the same Preact instance.
import { h, render, Fragment } from 'preact';
import htm from 'htm';

export { render, Fragment };
export * from 'preact/hooks';
export const html = htm.bind(h);
