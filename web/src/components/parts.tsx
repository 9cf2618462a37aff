import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.js';

/** A titled section of a page. */
export function Card(props: {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  actions?: ComponentChildren;
}) {
  return (
    <section class={props.wide ? 'card wide' : 'card'} aria-label={props.title}>
      <header>
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

/** A figure and what it is, large. */
export function Tile(props: {
  label: string;
  value: ComponentChildren;
  note?: ComponentChildren;
  tone?: 'good' | 'bad' | 'warn';
}) {
  return (
    <div class={`tile ${props.tone ?? ''}`}>
      <div class="tile-label">{props.label}</div>
      <div class="tile-value">{props.value}</div>
      {props.note ? <div class="tile-note">{props.note}</div> : null}
    </div>
  );
}

/** What the API said went wrong, never a blank page. */
export function ErrorBox(props: { error: ApiError | undefined }) {
  if (!props.error) return null;
  return (
    <div class="error" role="alert">
      <strong>{props.error.code}</strong> {props.error.message}
    </div>
  );
}

/** Shown while the first answer is on its way. */
export function Loading(props: { what: string }) {
  return (
    <p class="muted" aria-busy="true">
      Loading {props.what}…
    </p>
  );
}

/** A state as a coloured badge: FINISHED, Production, firing… */
export function Badge(props: { text: string }) {
  const tone = /^(FINISHED|Completed|READY|ok|resolved|Production|passed)$/i.test(props.text)
    ? 'good'
    : /^(FAILED|Failed|Crashed|TimedOut|firing|critical|failed)$/i.test(props.text)
      ? 'bad'
      : /^(RUNNING|Running|pending|Pending|Scheduled|warning|Staging|challenger)$/i.test(props.text)
        ? 'warn'
        : '';
  return <span class={`badge ${tone}`}>{props.text}</span>;
}

/** Key and value pairs as a compact two-column list. */
export function Pairs(props: { entries: readonly (readonly [string, ComponentChildren])[] }) {
  return (
    <dl class="pairs">
      {props.entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
