import type { AlertCase } from '../core/cases/index.js';
import type { CaseDetails } from '../services/case-details.js';
import type { CaseThresholdNotice } from '../services/case-threshold-notice.js';
import { formatCell } from './format-cell.js';
import { renderTable } from './render-table.js';

const STATE_TEXT: Record<AlertCase['state'], string> = {
  open: 'open',
  in_review: 'in review',
  concluded: 'concluded',
};

/** What `amlops cases list` prints: the production version's threshold (or why no case opens), then the cases. */
export function renderCaseList(list: {
  readonly cases: readonly AlertCase[];
  readonly nextPageToken?: string;
  readonly counts: { readonly open: number; readonly in_review: number };
  readonly alertThreshold: CaseThresholdNotice;
}): string {
  const { alertThreshold: t, counts } = list;
  const head = `${counts.open} open, ${counts.in_review} in review${
    t.alertThreshold !== null
      ? `; ${t.model} version ${t.version} (production) opens a case at a score of ${formatCell.number(t.alertThreshold)} or more`
      : ''
  }`;
  const table =
    list.cases.length === 0
      ? 'no case'
      : renderTable(
          ['CASE', 'STATE', 'SCORE', 'SUBJECT', 'OPENED', 'SCORES', 'ASSIGNEE', 'CONCLUSION', 'MODEL'],
          list.cases.map((c) => [
            `#${c.id}`,
            STATE_TEXT[c.state] + (c.sampled ? ' (sampled)' : ''),
            c.score.toFixed(6),
            formatCell.text(c.subject),
            formatCell.time(c.openedAt),
            String(c.scores),
            formatCell.text(c.assignee),
            formatCell.text(c.conclusion),
            `${c.modelName}/${c.modelVersion}`,
          ]),
        );
  return [
    head,
    ...(t.note ? [`note: ${t.note}`] : []),
    '',
    table,
    ...(list.nextPageToken ? ['', `more: --page-token ${list.nextPageToken}`] : []),
  ].join('\n');
}

/** One case's line of who did what when. */
function history(c: AlertCase): string[] {
  return [
    `opened    ${formatCell.time(c.openedAt)} by a score of ${c.score.toFixed(6)} (threshold ${formatCell.number(c.threshold)}${c.sampled ? ', sampled below it' : ''}) from ${c.modelName} version ${c.modelVersion}`,
    ...(c.assignee
      ? [`assigned  ${formatCell.time(c.assignedAt)} to ${c.assignee} by ${formatCell.text(c.assignedBy)}`]
      : []),
    ...(c.state === 'concluded'
      ? [
          `concluded ${formatCell.time(c.concludedAt)} ${c.conclusion} (label ${c.label}) by ${formatCell.text(c.concludedBy)}${c.note ? `: ${c.note}` : ''}`,
        ]
      : []),
  ];
}

/** What `amlops cases show ID` prints: the case, its inputs and reasons, its scores, the subject's other cases. */
export function renderCaseDetails(details: CaseDetails): string {
  const c = details.case;
  const scored = details.scored;
  return [
    `case #${c.id} (${STATE_TEXT[c.state]})${c.subject !== null ? ` of ${c.subject}` : ''}: score ${c.score.toFixed(6)}`,
    ...history(c),
    '',
    scored
      ? `inputs of ${scored.requestId}#${scored.row}, scored ${formatCell.time(scored.time)} by ${scored.modelName} version ${scored.modelVersion}:`
      : 'inputs: not in the audit log any more',
    ...(scored
      ? Object.entries(scored.inputs).map(([k, v]) => `  ${k} = ${v === null ? 'missing' : v}`)
      : []),
    '',
    details.reasons
      ? 'reasons (contribution to the log-odds):'
      : `reasons: unavailable (${details.reasonsUnavailable ?? 'unknown'})`,
    ...(details.reasons ? details.reasons.reasons.map((r) => `  ${r.text}`) : []),
    '',
    `scored cases (${details.scores.length}):`,
    renderTable(
      ['SCORED', 'SCORED CASE', 'SCORE', 'MODEL', 'WHY'],
      details.scores.map((s) => [
        formatCell.time(s.time),
        `${s.requestId}#${s.row}`,
        s.score.toFixed(6),
        `${s.modelName}/${s.modelVersion}`,
        s.sampled ? 'sampled' : 'alert',
      ]),
    )
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
    '',
    details.subjectCases.length === 0
      ? 'no other case of this subject'
      : `other cases of ${c.subject}:\n${details.subjectCases
          .map(
            (o) =>
              `  #${o.id} ${STATE_TEXT[o.state]}, opened ${formatCell.time(o.openedAt)}${o.conclusion ? `, concluded ${o.conclusion} by ${formatCell.text(o.concludedBy)}` : ''}`,
          )
          .join('\n')}`,
  ].join('\n');
}
